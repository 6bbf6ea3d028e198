import { medianIncomeOf, minimumWageFor } from '../../codes/wages.ts';
import { authorize, can, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import type { EligibilityRules } from './eligibility.ts';
import {
  type ApplicantFlag,
  nameOf,
  PROGRAMME_KINDS,
  type ProgrammeKind,
  SELECTION_METHODS,
  type SelectionMethod,
} from './publicjobs.codes.ts';
import {
  findCurrentRuleSets,
  findProgramme,
  findProgrammes,
  findRuleSet,
  findRuleSets,
  insertProgramme,
  insertRuleSet,
  type ProgrammeRow,
  type RuleSetRow,
} from './publicjobs.repository.ts';
import './publicjobs.messages.ts';

export type ReadCtx = { db: Db; lang?: Lang; actor?: Actor | null };

/** What the API takes as eligibility (API.md: {minAge, maxAge, incomePctOfMedian, propertyMax, excludeFlags[]}). */
export interface EligibilityInput {
  minAge?: number | null;
  maxAge?: number | null;
  incomePctOfMedian?: number | null;
  propertyMax?: number | null;
  excludeFlags?: ApplicantFlag[];
  repeat?: EligibilityRules['repeat'];
  over65MaxHoursPerWeek?: number | null;
}

export interface RulesInput {
  eligibility: EligibilityInput;
  scoring?: { flag: ApplicantFlag; points: number }[];
  /** Where the rules come from (the notice, e.g. "광명시 공고 제2026-12호"). */
  ruleSource?: string | null;
}

export interface ProgrammeInput extends RulesInput {
  name: string;
  kind?: ProgrammeKind;
  year: number;
  quota: number;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
  hourlyWage: number;
  selection: SelectionMethod;
  applyFrom?: string;
  applyTo?: string;
  description?: string | null;
  centreId?: string;
}

/** Staff of the programme's centre subtree (who run applications, draws and placements). */
export function managesProgramme(actor: Actor | null | undefined, p: { centre_id: string }): actor is Actor {
  return !!actor && can(actor, 'publicjobs.manage') && inScope(actor, p.centre_id);
}

/** The rules as stored, every member present (null when the notice has no such rule). */
export function rulesOf(r: RulesInput): EligibilityRules {
  const e = r.eligibility;
  return {
    minAge: e.minAge ?? null,
    maxAge: e.maxAge ?? null,
    incomePctOfMedian: e.incomePctOfMedian ?? null,
    propertyMax: e.propertyMax ?? null,
    excludeFlags: [...new Set(e.excludeFlags ?? [])],
    scoring: r.scoring ?? [],
    repeat: e.repeat ?? null,
    over65MaxHoursPerWeek: e.over65MaxHoursPerWeek ?? null,
  };
}

function rulesProblems(rules: EligibilityRules, year: number): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (rules.minAge !== null && rules.maxAge !== null && rules.minAge > rules.maxAge) {
    out.push({ field: 'eligibility.maxAge', key: 'publicjobs.ageRange' });
  }
  if (rules.incomePctOfMedian !== null && medianIncomeOf(year, 1) === null) {
    out.push({ field: 'eligibility.incomePctOfMedian', key: 'publicjobs.noMedianIncome', params: { year } });
  }
  const seen = new Set<string>();
  rules.scoring.forEach((s, i) => {
    if (seen.has(s.flag)) out.push({ field: `scoring[${i}].flag`, key: 'publicjobs.scoringTwice' });
    seen.add(s.flag);
  });
  return out;
}

function presentRules(r: RuleSetRow) {
  const rules = r.rules as EligibilityRules;
  return {
    version: r.version,
    adoptedAt: new Date(r.adopted_at).toISOString(),
    source: r.source,
    eligibility: {
      minAge: rules.minAge,
      maxAge: rules.maxAge,
      incomePctOfMedian: rules.incomePctOfMedian,
      propertyMax: rules.propertyMax,
      excludeFlags: rules.excludeFlags,
      repeat: rules.repeat,
      over65MaxHoursPerWeek: rules.over65MaxHoursPerWeek,
    },
    scoring: rules.scoring,
  };
}
export type RulesView = ReturnType<typeof presentRules>;

export function presentProgramme(
  p: ProgrammeRow,
  rules: RuleSetRow,
  lang: Lang = 'ko',
  today = seoulToday(),
) {
  return {
    id: p.id,
    centreId: p.centre_id,
    name: p.name,
    kind: p.kind,
    kindName: nameOf(PROGRAMME_KINDS, p.kind, lang),
    year: p.year,
    quota: p.quota,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    hoursPerWeek: p.hours_per_week,
    hourlyWage: p.hourly_wage,
    selection: p.selection,
    selectionName: nameOf(SELECTION_METHODS, p.selection, lang),
    applyFrom: p.apply_from,
    applyTo: p.apply_to,
    applicationsOpen: p.apply_from <= today && today <= p.apply_to,
    applications: p.applications,
    description: p.description,
    ruleVersion: rules.version,
    ...presentRules(rules),
  };
}
export type ProgrammeView = ReturnType<typeof presentProgramme>;

/**
 * Staff open a programme (API: POST /public-jobs) with its first rule set (version 1). The
 * hourly wage is refused below the minimum wage of the programme's year (FIELD.md P4; the
 * table of `codes/wages.ts`, the latest known figure for a year past it).
 */
export async function createProgramme(ctx: RequestContext, o: ProgrammeInput) {
  authorize(ctx.actor, 'publicjobs.manage');
  const centreId = ctx.actor.centreScope === null ? (o.centreId ?? ctx.actor.centreId) : ctx.actor.centreId;
  if (o.centreId && !(await centreInScope(ctx.db, ctx.actor, o.centreId)))
    throw notFound('publicjobs.centreNotFound');
  const problems: FieldProblem[] = [];
  const name = o.name.trim();
  if (!centreId) problems.push({ field: 'centreId', key: 'publicjobs.centreRequired' });
  if (!name) problems.push({ field: 'name', key: 'field.required' });
  const dates = { startsOn: o.startsOn, endsOn: o.endsOn, applyFrom: o.applyFrom, applyTo: o.applyTo };
  for (const [field, v] of Object.entries(dates)) {
    if (v !== undefined && !isRealDate(v)) problems.push({ field, key: 'field.date' });
  }
  if (problems.length === 0 && o.endsOn < o.startsOn)
    problems.push({ field: 'endsOn', key: 'publicjobs.endsBeforeStart' });
  if (isRealDate(o.startsOn) && Number(o.startsOn.slice(0, 4)) !== o.year) {
    problems.push({ field: 'startsOn', key: 'publicjobs.yearMismatch', params: { year: o.year } });
  }
  const minimum = minimumWageFor(o.year);
  if (!minimum)
    problems.push({ field: 'hourlyWage', key: 'publicjobs.noMinimumWage', params: { year: o.year } });
  else if (o.hourlyWage < minimum.hourly) {
    problems.push({
      field: 'hourlyWage',
      key: 'publicjobs.belowMinimumWage',
      params: { year: o.year, minimum: minimum.hourly.toLocaleString('ko-KR') },
    });
  }
  const applyFrom = o.applyFrom ?? seoulToday();
  const applyTo = o.applyTo ?? o.startsOn;
  if (isRealDate(applyFrom) && isRealDate(applyTo) && applyTo < applyFrom) {
    problems.push({ field: 'applyTo', key: 'publicjobs.applyRange' });
  }
  const rules = rulesOf(o);
  problems.push(...rulesProblems(rules, o.year));
  if (problems.length || !centreId) throw invalid(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await insertProgramme(tx, {
      id: uuidv7(),
      centre_id: centreId,
      name,
      kind: o.kind ?? 'other',
      year: o.year,
      quota: o.quota,
      starts_on: o.startsOn,
      ends_on: o.endsOn,
      hours_per_week: o.hoursPerWeek,
      hourly_wage: o.hourlyWage,
      selection: o.selection,
      apply_from: applyFrom,
      apply_to: applyTo,
      description: o.description?.trim() || null,
      created_by: ctx.actor.userId,
    });
    const r = await insertRuleSet(tx, {
      id: uuidv7(),
      centre_id: p.centre_id,
      programme_id: p.id,
      version: 1,
      rules: JSON.stringify(rules),
      source: o.ruleSource?.trim() || null,
      created_by: ctx.actor.userId,
    });
    return presentProgramme(p, r, ctx.lang);
  });
}

/** The programme (every programme is public: its notice is) and its rule set in force. */
export async function requireProgramme(
  ctx: ReadCtx,
  id: string,
  opts: { manage?: boolean; lock?: boolean } = {},
) {
  const p = await findProgramme(ctx.db, id, { lock: opts.lock });
  if (!p || (opts.manage && !managesProgramme(ctx.actor, p))) throw notFound('publicjobs.notFound');
  const rules = await findRuleSet(ctx.db, p.id);
  if (!rules) throw notFound('publicjobs.notFound');
  return { programme: p, rules };
}

export async function getProgramme(ctx: ReadCtx, o: { id: string }) {
  const { programme, rules } = await requireProgramme(ctx, o.id);
  const versions = await findRuleSets(ctx.db, programme.id);
  return { ...presentProgramme(programme, rules, ctx.lang), ruleVersions: versions.map(presentRules) };
}

/** Programmes (API: GET /public-jobs, public), newest application window first. */
export async function listProgrammes(ctx: ReadCtx, o: { year?: number; open?: boolean }) {
  const rows = await findProgrammes(ctx.db, { year: o.year });
  const today = seoulToday();
  const shown = rows.filter((p) => !o.open || (p.apply_from <= today && today <= p.apply_to));
  const current = await findCurrentRuleSets(
    ctx.db,
    shown.map((p) => p.id),
  );
  const rules = new Map(current.map((r) => [r.programme_id, r]));
  const out: ProgrammeView[] = [];
  for (const p of shown) {
    const r = rules.get(p.id);
    if (r) out.push(presentProgramme(p, r, ctx.lang, today));
  }
  return out;
}

/**
 * Staff change a programme's rules (API: PUT /public-jobs/{id}/eligibility): a new version,
 * adopted now; decisions already made keep the version they used and are never recomputed.
 */
export async function changeRules(ctx: RequestContext, o: RulesInput & { id: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.id, { manage: true });
  const rules = rulesOf(o);
  const problems = rulesProblems(rules, programme.year);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await findProgramme(tx, programme.id, { lock: true });
    const current = await findRuleSet(tx, programme.id);
    if (!locked || !current) throw notFound('publicjobs.notFound');
    const r = await insertRuleSet(tx, {
      id: uuidv7(),
      centre_id: programme.centre_id,
      programme_id: programme.id,
      version: current.version + 1,
      rules: JSON.stringify(rules),
      source: o.ruleSource?.trim() || null,
      created_by: ctx.actor.userId,
    });
    return presentProgramme(locked, r, ctx.lang);
  });
}
