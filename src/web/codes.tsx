import { ancestors, type CodeSetName, findCode, listCodes } from '../codes/codes.ts';
import {
  CURRENT_OCCUPATION_EDITION,
  findOccupation,
  type OccupationEdition,
  occupationSet,
} from '../codes/occupations.ts';
import { regionsAt } from '../codes/regions.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { Field, fieldId, type Option } from './forms.tsx';

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

/**
 * A select of KECO occupations of one level grouped by middle group (optgroups), for filters
 * with few options (the 140 소분류); forms picking a 세분류 use OccupationPicker.
 */
export function OccupationSelect(props: {
  name: string;
  label: string;
  lang: Lang;
  value?: string;
  error?: string;
  required?: boolean;
  level?: number;
  empty?: string;
  edition?: OccupationEdition;
}) {
  const { name, label, lang, value, error, required, level = 4, empty } = props;
  const id = fieldId(name);
  const set = occupationSet(props.edition ?? '2018');
  const groups = listCodes(set, { level: 2 });
  const pick = (code: string) => listCodes(set, { level }).filter((c) => c.code.startsWith(code));
  return (
    <Field name={name} label={label} lang={lang} error={error}>
      <select
        class="krds-form-select"
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{empty ?? (lang === 'en' ? 'Choose' : '선택하세요')}</option>
        {groups.map((g) => (
          <optgroup key={g.code} label={lang === 'en' && g.nameEn ? g.nameEn : g.name}>
            {pick(g.code).map((c) => (
              <option key={c.code} value={c.code} selected={c.code === value}>
                {lang === 'en' && c.nameEn ? c.nameEn : c.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** "1555 환경공학 기술자 및 연구원": how a picker shows an occupation (the code first). */
export function occupationLabel(code: string, edition: OccupationEdition, lang: Lang): string {
  const c = findOccupation(code, edition);
  if (!c) return code;
  return `${c.code} ${lang === 'en' && c.nameEn ? c.nameEn : c.name}`;
}

/**
 * The code a picker posted: "1555 환경공학 기술자 및 연구원" or "1555" → 1555, an exact 세분류
 * name of the edition → its code; anything else as typed (the service names it as unknown).
 */
export function occupationFromPicker(text: string, edition: OccupationEdition): string {
  const t = text.trim();
  const lead = /^(\d{1,4})(\s|$)/.exec(t);
  if (lead) return lead[1] as string;
  const byName = listCodes(occupationSet(edition), { level: 4 }).find((c) => c.name === t);
  return byName?.code ?? t;
}

/**
 * The 세분류 of an edition as a datalist (one per page, shared by its pickers): typing a part of
 * a name ("환경", "데이터") narrows the list in the browser, no script needed.
 */
export function OccupationList({
  id,
  edition,
  lang,
}: {
  id: string;
  edition: OccupationEdition;
  lang: Lang;
}) {
  return (
    <datalist id={id}>
      {listCodes(occupationSet(edition), { level: 4 }).map((c) => (
        <option key={c.code} value={occupationLabel(c.code, edition, lang)} />
      ))}
    </datalist>
  );
}

/**
 * A searchable occupation field instead of a 450-item select: a text input tied to the
 * edition's datalist and a hidden `editionName` field saying which KECO edition the code is of
 * (new records: the current one; an existing record keeps its own).
 */
export function OccupationPicker(props: {
  name: string;
  /** name of the hidden edition field; leave out on the second picker of a form */
  editionName?: string;
  label: string;
  lang: Lang;
  listId: string;
  value?: string;
  edition?: OccupationEdition;
  error?: string;
  required?: boolean;
}) {
  const { name, editionName, label, lang, listId, value, error, required } = props;
  const edition = props.edition ?? CURRENT_OCCUPATION_EDITION;
  const id = fieldId(name);
  const hint =
    lang === 'en'
      ? `Type part of the name and pick from the list (KECO ${edition}).`
      : `직종명 일부를 입력하고 목록에서 고르세요 (한국고용직업분류 ${edition}).`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <Field name={name} label={label} lang={lang} error={error} hint={hint}>
      <input
        class="krds-input"
        id={id}
        name={name}
        type="text"
        list={listId}
        autocomplete="off"
        value={value && /^\d{1,4}$/.test(value) ? occupationLabel(value, edition, lang) : value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {editionName ? <input type="hidden" name={editionName} value={edition} /> : null}
    </Field>
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
