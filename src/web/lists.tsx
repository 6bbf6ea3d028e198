import type { ComponentChildren } from 'preact';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { regionOptions } from './codes.tsx';
import { Input, Select } from './forms.tsx';

/** The filter form above a list: GET to `action`, fields as children, then the search button. */
export function SearchForm({
  lang,
  action,
  children,
}: {
  lang: Lang;
  action: string;
  children: ComponentChildren;
}) {
  return (
    <form method="get" action={action} class="search">
      {children}
      <div class="actions">
        <button type="submit" class="krds-btn primary medium">
          {t(lang, 'web.form.search')}
        </button>
      </div>
    </form>
  );
}

/** The free-text field of a search form. */
export function SearchInput({
  lang,
  label,
  hint,
  value,
}: {
  lang: Lang;
  label: string;
  hint?: string;
  value?: string;
}) {
  return <Input lang={lang} name="q" type="search" label={label} hint={hint} value={value} />;
}

/** A region filter (`regionCode`) whose empty choice means any region. */
export function RegionFilter({
  lang,
  label,
  empty,
  value,
}: {
  lang: Lang;
  label: string;
  empty: string;
  value?: string;
}) {
  return (
    <Select
      lang={lang}
      name="regionCode"
      label={label}
      empty={empty}
      value={value}
      options={regionOptions(lang)}
    />
  );
}

/**
 * A KRDS data table (krds-table-wrap, tbl data) that stacks into cards on small screens: column
 * headings from message keys, then the rows.
 */
export function StackTable({
  lang,
  columns,
  children,
}: {
  lang: Lang;
  columns: readonly string[];
  children: ComponentChildren;
}) {
  return (
    <div class="krds-table-wrap table-wrap">
      <table class="tbl data stack">
        <thead>
          <tr>
            {columns.map((k) => (
              <th scope="col" key={k}>
                {t(lang, k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
