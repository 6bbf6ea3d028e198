import { ancestors, type CodeSetName, findCode, listCodes } from '../codes/codes.ts';
import { regionsAt } from '../codes/regions.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { fieldId, type Option } from './forms.tsx';

/** The name of a code in the language ('' for none, the code itself when unknown). */
export function codeName(set: CodeSetName, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const c = findCode(set, code);
  return c ? (lang === 'en' ? c.nameEn : c.name) : code;
}

/**
 * A region with its 시도 (서울특별시 중구, not 중구 of eight cities); a name repeated by its
 * parent (세종특별자치시) is said once.
 */
export function regionName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const names = [...ancestors('regions', code).map((c) => (lang === 'en' ? c.nameEn : c.name))];
  names.push(codeName('regions', code, lang));
  return names.filter((n, i) => n !== names[i - 1]).join(' ');
}

/** Options of a code set (one level, or all). */
export function codeOptions(set: CodeSetName, lang: Lang, level?: number): Option[] {
  return listCodes(set, level === undefined ? {} : { level }).map((c) => ({
    value: c.code,
    label: lang === 'en' ? c.nameEn : c.name,
  }));
}

/** Regions in force today as options: 시도 then their 시군구, indented by name. */
export function regionOptions(lang: Lang): Option[] {
  return regionsAt()
    .filter((c) => c.level <= 2)
    .map((c) => ({
      value: c.code,
      label: `${c.level === 2 ? '— ' : ''}${lang === 'en' ? c.nameEn : c.name}`,
    }));
}

/** A select of detailed KECO occupations grouped by middle group (optgroups). */
export function OccupationSelect(props: {
  name: string;
  label: string;
  lang: Lang;
  value?: string;
  error?: string;
  required?: boolean;
  level?: number;
  empty?: string;
}) {
  const { name, label, lang, value, error, required, level = 4, empty } = props;
  const id = fieldId(name);
  const groups = listCodes('occupations', { level: 2 });
  const pick = (code: string) => listCodes('occupations', { level }).filter((c) => c.code.startsWith(code));
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{empty ?? (lang === 'en' ? 'Choose' : '선택하세요')}</option>
        {groups.map((g) => (
          <optgroup key={g.code} label={lang === 'en' ? g.nameEn : g.name}>
            {pick(g.code).map((c) => (
              <option key={c.code} value={c.code} selected={c.code === value}>
                {lang === 'en' ? c.nameEn : c.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Codes of a set as tags (target groups, occupations). */
export function CodeTags({ set, codes, lang }: { set: CodeSetName; codes: readonly string[]; lang: Lang }) {
  return (
    <>
      {codes.map((c) => (
        <span class="tag" key={c}>
          {codeName(set, c, lang)}
        </span>
      ))}
    </>
  );
}
