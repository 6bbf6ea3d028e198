import { MEDIAN_INCOMES, MINIMUM_WAGES, medianIncomeOf } from '../../codes/wages.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { num } from '../../web/page.tsx';

/** The 기준중위소득 and 최저임금 tables the form's rules refer to (codes/wages.ts). */
export function ReferenceTables({ lang: L }: { lang: Lang }) {
  const years = [...new Set(MEDIAN_INCOMES.map((m) => m.year))];
  const sizes = [1, 2, 3, 4, 5, 6, 7];
  return (
    <details>
      <summary>{t(L, 'pjf.reference')}</summary>
      <div class="table-wrap">
        <table>
          <caption>{t(L, 'pjf.median')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(L, 'pjf.year')}</th>
              {sizes.map((n) => (
                <th scope="col" key={n}>
                  {t(L, 'pjf.persons', { n })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                {sizes.map((n) => {
                  const m = medianIncomeOf(y, n);
                  return <td key={n}>{m === null ? '–' : num(m)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t(L, 'pjf.minimumWage')}: {MINIMUM_WAGES.map((w) => `${w.year}년 ${num(w.hourly)}`).join(' · ')}
      </p>
    </details>
  );
}
