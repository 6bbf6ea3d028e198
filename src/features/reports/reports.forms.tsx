import type { FastifyRequest } from 'fastify';
import { listCodes } from '../../codes/codes.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { Input, Select } from '../../web/forms.tsx';
import type { ReportQuery } from './reports.filter.ts';

/** The report's filters: period, target group, occupation, region (GET /staff/reports). */
export function FiltersForm({
  req,
  q,
  errors,
}: {
  req: FastifyRequest;
  q: ReportQuery;
  errors: Record<string, string>;
}) {
  const lang = req.lang;
  const groups = listCodes('target-groups').map((c) => ({
    value: c.code,
    label: lang === 'en' ? c.nameEn : c.name,
  }));
  return (
    <form method="get" action="/staff/reports" class="search" aria-label={t(lang, 'reports.filters')}>
      <Input
        name="from"
        type="date"
        label={t(lang, 'reports.from')}
        lang={lang}
        value={q.from}
        error={errors.from}
      />
      <Input name="to" type="date" label={t(lang, 'reports.to')} lang={lang} value={q.to} error={errors.to} />
      <Select
        name="targetGroup"
        label={t(lang, 'reports.targetGroup')}
        lang={lang}
        options={groups}
        value={q.targetGroup}
        empty={t(lang, 'reports.any')}
        error={errors.targetGroup}
      />
      <Input
        name="occupation"
        label={t(lang, 'reports.occupation')}
        lang={lang}
        value={q.occupation}
        inputMode="numeric"
        maxLength={4}
        error={errors.occupation}
      />
      <Input
        name="regionCode"
        label={t(lang, 'reports.regionCode')}
        lang={lang}
        value={q.regionCode}
        inputMode="numeric"
        maxLength={5}
        error={errors.regionCode}
      />
      {q.centreId ? <input type="hidden" name="centreId" value={q.centreId} /> : null}
      <div class="actions">
        <button type="submit">{t(lang, 'reports.show')}</button>
      </div>
    </form>
  );
}

/** The XLSX and CSV downloads of the shown report, each asking for its reason (access-logged). */
export function ExportForms({ req, q }: { req: FastifyRequest; q: ReportQuery }) {
  const lang = req.lang;
  const hidden = Object.entries(q).filter(([, v]) => v);
  return (
    <section aria-labelledby="export-h">
      <h2 id="export-h">{t(lang, 'reports.export')}</h2>
      {(['xlsx', 'csv'] as const).map((ext) => (
        <form key={ext} method="get" action={`/api/v1/reports/kpi.${ext}`} class="report-export">
          {hidden.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={String(v)} />
          ))}
          <Input name="reason" label={t(lang, 'reports.exportReason')} lang={lang} required maxLength={500} />
          <button type="submit" class="secondary">
            {t(lang, ext === 'xlsx' ? 'reports.xlsx' : 'reports.csv')}
          </button>
        </form>
      ))}
    </section>
  );
}
