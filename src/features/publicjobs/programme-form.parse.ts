import { type FieldProblem, invalid } from '../../platform/errors.ts';
import { schemaProblems } from '../../platform/imports/csv.ts';
import type { ProgrammeInput, RulesInput, RulesView } from './programmes.service.ts';
import type { ApplicantFlag } from './publicjobs.codes.ts';
import { ProgrammeBody, RulesBody } from './publicjobs.schema.ts';

// The staff programme form (/staff/public-jobs/new) and the rules form
// (/staff/public-jobs/{id}/rules) as the API's bodies: field names are the API's paths
// (`eligibility.minAge`, `repeat.action`, `scoring.0.flag` / `scoring.0.points` for a row of
// 가산점), numbers are
// whole numbers (commas allowed), and the same schema as POST /public-jobs checks the ranges,
// so a page and a request name a problem alike. Problems are collected before anything is saved.

type Body = Record<string, string | string[]>;

/** The names of the programme fields (re-shown after a failed post). */
export const PROGRAMME_FIELDS = [
  'name',
  'kind',
  'year',
  'quota',
  'startsOn',
  'endsOn',
  'hoursPerWeek',
  'hourlyWage',
  'selection',
  'applyFrom',
  'applyTo',
  'description',
  'centreId',
] as const;

/** Rows of 가산점 a form shows at least (the rules form one more than the rules have). */
export const SCORING_ROWS = 4;
const MAX_SCORING_ROWS = 20;

/** The names of the rule fields, besides `eligibility.excludeFlags` and the 가산점 rows. */
export const RULE_FIELDS = [
  'eligibility.minAge',
  'eligibility.maxAge',
  'eligibility.incomePctOfMedian',
  'eligibility.propertyMax',
  'eligibility.over65MaxHoursPerWeek',
  'repeat.action',
  'repeat.lookbackYears',
  'repeat.points',
  'ruleSource',
] as const;

export type FormValues = Record<string, string>;

const one = (b: Body, name: string) => {
  const v = b[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
const all = (b: Body, name: string) => {
  const v = b[name];
  return (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
};

/** What the form shows again: every field as typed, flags checked, points per flag. */
export function formValuesOf(b: Body): { values: FormValues; excluded: string[] } {
  const values: FormValues = {};
  for (const k of [...PROGRAMME_FIELDS, ...RULE_FIELDS]) values[k] = one(b, k);
  for (let i = 0; i < MAX_SCORING_ROWS; i++) {
    for (const k of ['flag', 'points']) {
      const v = one(b, `scoring.${i}.${k}`);
      if (v) values[`scoring.${i}.${k}`] = v;
    }
  }
  return { values, excluded: all(b, 'eligibility.excludeFlags') };
}

/** The form values of a programme's rules in force (the rules form starts from them). */
export function rulesFormValues(r: RulesView): { values: FormValues; excluded: string[] } {
  const s = (v: number | null | undefined) => (v == null ? '' : String(v));
  const e = r.eligibility;
  const values: FormValues = {
    'eligibility.minAge': s(e.minAge),
    'eligibility.maxAge': s(e.maxAge),
    'eligibility.incomePctOfMedian': s(e.incomePctOfMedian),
    'eligibility.propertyMax': s(e.propertyMax),
    'eligibility.over65MaxHoursPerWeek': s(e.over65MaxHoursPerWeek),
    'repeat.action': e.repeat?.action ?? '',
    'repeat.lookbackYears': s(e.repeat?.lookbackYears),
    'repeat.points': s(e.repeat?.points),
    ruleSource: r.source ?? '',
  };
  r.scoring.forEach((x, i) => {
    values[`scoring.${i}.flag`] = x.flag;
    values[`scoring.${i}.points`] = String(x.points);
  });
  return { values, excluded: [...e.excludeFlags] };
}

/** Reads whole numbers ("1,500,000" too); a non-number is a problem on its field. */
function numberReader(problems: FieldProblem[]) {
  return (v: string, field: string): number | undefined => {
    const text = v.replace(/[,\s]/g, '');
    if (text === '') return undefined;
    if (!/^-?\d{1,15}$/.test(text)) {
      problems.push({ field, key: 'publicjobs.wholeNumber' });
      return undefined;
    }
    return Number(text);
  };
}

/** The rules part of both forms, as the API's body (before the schema check). */
function rulesBody(v: FormValues, excluded: string[], num: ReturnType<typeof numberReader>) {
  const n = (f: string) => num(v[f] ?? '', f) ?? null;
  const action = v['repeat.action'] ?? '';
  const scoring: { flag: ApplicantFlag; points: number | undefined }[] = [];
  const rows: number[] = [];
  for (let i = 0; i < MAX_SCORING_ROWS; i++) {
    const flag = v[`scoring.${i}.flag`] ?? '';
    const text = v[`scoring.${i}.points`] ?? '';
    if (!flag && !text) continue;
    const points = num(text, `scoring.${i}.points`);
    scoring.push({ flag: flag as ApplicantFlag, points });
    rows.push(i);
  }
  return {
    eligibility: {
      minAge: n('eligibility.minAge'),
      maxAge: n('eligibility.maxAge'),
      incomePctOfMedian: n('eligibility.incomePctOfMedian'),
      propertyMax: n('eligibility.propertyMax'),
      excludeFlags: excluded as ApplicantFlag[],
      repeat: action
        ? {
            action,
            lookbackYears: num(v['repeat.lookbackYears'] ?? '', 'repeat.lookbackYears') ?? 1,
            points: num(v['repeat.points'] ?? '', 'repeat.points') ?? 0,
          }
        : null,
      over65MaxHoursPerWeek: n('eligibility.over65MaxHoursPerWeek'),
    },
    scoring,
    ruleSource: v.ruleSource || null,
    rows,
  };
}

/**
 * Schema problems renamed to the form's fields: `eligibility.repeat.*` → `repeat.*` and
 * `scoring[k].*` → `scoring.{row}.*` of the row that entry came from.
 */
function formProblems(problems: FieldProblem[], rows: readonly number[]): FieldProblem[] {
  return problems.map((p) => {
    const field = p.field
      .replace(/^eligibility\.repeat\./, 'repeat.')
      .replace(/^eligibility\.repeat$/, 'repeat.action')
      .replace(/^scoring\[(\d+)\]/, (_, k: string) => `scoring.${rows[Number(k)] ?? k}`);
    return { ...p, field };
  });
}

/** The rules form as `changeRules` input; throws a 400 naming each bad field (first problem of a field). */
export function rulesInputOf(b: Body): RulesInput {
  const { values, excluded } = formValuesOf(b);
  const problems: FieldProblem[] = [];
  const { rows, ...body } = rulesBody(values, excluded, numberReader(problems));
  const checked = defined(body);
  problems.push(...formProblems(schemaProblems(RulesBody, checked), rows));
  if (problems.length) throw invalid(dedupe(problems));
  return checked as unknown as RulesInput;
}

/** The programme form as `createProgramme` input; throws a 400 naming each bad field. */
export function programmeInputOf(b: Body): ProgrammeInput {
  const { values: v, excluded } = formValuesOf(b);
  const problems: FieldProblem[] = [];
  const num = numberReader(problems);
  const { rows, ...rules } = rulesBody(v, excluded, num);
  const body = {
    name: v.name || undefined,
    kind: v.kind || undefined,
    year: num(v.year ?? '', 'year'),
    quota: num(v.quota ?? '', 'quota'),
    startsOn: v.startsOn || undefined,
    endsOn: v.endsOn || undefined,
    hoursPerWeek: num(v.hoursPerWeek ?? '', 'hoursPerWeek'),
    hourlyWage: num(v.hourlyWage ?? '', 'hourlyWage'),
    selection: v.selection || undefined,
    applyFrom: v.applyFrom || undefined,
    applyTo: v.applyTo || undefined,
    description: v.description || null,
    centreId: v.centreId || undefined,
    ...rules,
  };
  const checked = defined(body);
  problems.push(...formProblems(schemaProblems(ProgrammeBody, checked), rows));
  if (problems.length) throw invalid(dedupe(problems));
  return checked as unknown as ProgrammeInput;
}

/** The body without its absent (undefined) members, as a JSON request would arrive. */
function defined<T>(body: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}
