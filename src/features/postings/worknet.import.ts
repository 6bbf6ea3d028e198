import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { inScope } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { topCentre } from '../accounts/centres.service.ts';
import {
  bizRegNoDigits,
  cleanBizRegNo,
  findEmployerByName,
  findEmployerRef,
  insertEmployer,
} from '../employers/employers.service.ts';
import { importDecision } from './posting-status.service.ts';
import { addHistories, type HistoryEntry } from './postings.service.ts';
import type { PostingStatus } from './postings.tables.ts';
import { type PostingInput, postingTokens, seoulToday, validatePosting } from './postings.validate.ts';
import {
  isOpenEndedDate,
  jobsCdToKeco,
  type KecoEdition,
  parseCareer,
  parseEducation,
  parseRegion,
  parseWageType,
  parseWon,
  parseWorkDays,
  parseWorknetDate,
} from './worknet.map.ts';
import { statusesByAuthNo, upsertWorknetPosting } from './worknet.repository.ts';

export interface WorknetImportResult {
  imported: number;
  /** rows whose content or status changed ours */
  updated: number;
  /** rows equal to ours: nothing written, no event */
  unchanged: number;
  /** rows of postings a counsellor's review holds (importDecision): nothing written */
  held: { row: number; wantedAuthNo: string; status: PostingStatus; message: string }[];
  rejected: { row: number; errors: { field: string; message: string }[] }[];
}

/** Our field names → the Worknet element a row error should name. */
const elementOf: Record<string, string> = {
  occupationCode: 'jobsCd',
  regionCode: 'region',
  educationMin: 'minEdubg',
  employmentType: 'empTpCd',
  closesAt: 'closeDt',
  wageType: 'salTpNm',
  wageMin: 'minSal',
  wageMax: 'maxSal',
  duties: 'jobCont',
  'career.type': 'career',
};

type Wanted = Record<string, string | undefined>;

function text(w: Wanted, key: string): string {
  const v = w[key];
  return typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim();
}

/** Parses the list XML; malformed XML, a DOCTYPE (entity tricks) or no <wantedRoot> → 400. */
export function parseWorknetXml(xml: string): Wanted[] {
  if (/<!DOCTYPE/i.test(xml)) throw malformed('DOCTYPE');
  const ok = XMLValidator.validate(xml);
  if (ok !== true) throw malformed(`${ok.err.msg} (line ${ok.err.line})`);
  const doc = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'wanted',
  }).parse(xml) as { wantedRoot?: { wanted?: Wanted[] } | string };
  const root = doc.wantedRoot;
  if (root === undefined)
    throw new DomainError('validation', 'worknet.noRoot', {}, [{ field: 'body', key: 'worknet.noRoot' }]);
  return typeof root === 'object' ? (root.wanted ?? []) : [];
}

function malformed(reason: string): DomainError {
  return new DomainError('validation', 'worknet.malformed', { reason }, [
    { field: 'body', key: 'worknet.malformed', params: { reason } },
  ]);
}

/** One <wanted> → a posting input, or the problems that keep it out. */
function toInput(
  w: Wanted,
  today: string,
  problems: FieldProblem[],
  edition: KecoEdition,
): PostingInput & { authNo: string } {
  const need = (key: string) => {
    const v = text(w, key);
    if (!v) problems.push({ field: key, key: 'field.required' });
    return v;
  };
  const authNo = need('wantedAuthNo');
  const title = need('title');
  need('company');
  const jobsCd = need('jobsCd');
  // ilteo's own export names each row's edition; 고용24 files do not (the file's edition holds).
  const rowEdition = text(w, 'jobsCdEdition');
  const readAs: KecoEdition = rowEdition === '2018' || rowEdition === '2025' ? rowEdition : edition;
  const occupation = jobsCd ? jobsCdToKeco(jobsCd, readAs) : null;
  const occupationCode = occupation && 'code' in occupation ? occupation.code : null;
  const occupationEdition = occupation && 'code' in occupation ? occupation.edition : readAs;
  if (jobsCd && occupation && 'problem' in occupation)
    problems.push({ field: 'jobsCd', key: occupation.problem, params: { code: jobsCd, edition: readAs } });
  const regionText = need('region');
  const regionCode = regionText ? parseRegion(regionText) : null;
  if (regionText && !regionCode)
    problems.push({ field: 'region', key: 'worknet.region', params: { region: regionText } });
  const salTp = need('salTpNm');
  const wageType = salTp ? parseWageType(salTp) : null;
  if (salTp && !wageType) problems.push({ field: 'salTpNm', key: 'worknet.salTp', params: { value: salTp } });
  const wageMin = parseWon(text(w, 'minSal')) ?? parseWon(text(w, 'sal'));
  if (wageMin === null) problems.push({ field: 'minSal', key: 'field.required' });
  const maxText = text(w, 'maxSal');
  const wageMax = maxText ? parseWon(maxText) : null;
  const eduText = text(w, 'minEdubg') || '학력무관';
  const educationMin = parseEducation(eduText);
  if (!educationMin)
    problems.push({ field: 'minEdubg', key: 'worknet.education', params: { value: eduText } });
  const careerText = text(w, 'career') || '관계없음';
  const career = parseCareer(careerText);
  if (!career) problems.push({ field: 'career', key: 'worknet.career', params: { value: careerText } });
  const closeText = text(w, 'closeDt') || '채용시까지';
  const closesAt = parseWorknetDate(closeText, today);
  if (!closesAt) problems.push({ field: 'closeDt', key: 'worknet.date', params: { value: closeText } });
  const headcount = Number(text(w, 'collectPsncnt').replace(/\D/g, '')) || 1;
  const address = [text(w, 'basicAddr'), text(w, 'detailAddr')].filter(Boolean).join(' ');
  const holiday = text(w, 'holidayTpNm');
  return {
    authNo,
    employerId: '',
    title,
    occupationCode: occupationCode ?? '',
    occupationEdition,
    duties: text(w, 'jobCont') || title,
    headcount: Math.min(headcount, 10000),
    employmentType: text(w, 'empTpCd') || '10',
    wageType: wageType ?? 'M',
    wageMin: wageMin ?? 0,
    wageMax: wageMax !== null && wageMax > 0 ? wageMax : null,
    workDays: holiday ? parseWorkDays(holiday) : null,
    workHours: text(w, 'workdayWorkhrCont') || null,
    regionCode: regionCode ?? '',
    address: address || null,
    educationMin: educationMin ?? '00',
    career: career ?? { type: 'Z', minMonths: 0 },
    certificates: text(w, 'certificate') ? text(w, 'certificate').split(/[,;]/) : [],
    preferences: [],
    keywords: text(w, 'keyword') ? text(w, 'keyword').split(/[,;]/) : [],
    closesAt: closesAt ?? '',
  };
}

/** Which centre owns imported rows: the one given (if in scope), the actor's, or the first province. */
async function importCentre(db: Db, actor: Actor | null, centreId?: string): Promise<string> {
  if (centreId) {
    if (actor && !inScope(actor, centreId)) throw new DomainError('forbidden', 'error.forbidden');
    return centreId;
  }
  if (actor?.centreId) return actor.centreId;
  const c = await topCentre(db);
  if (!c)
    throw new DomainError('validation', 'worknet.noCentre', {}, [
      { field: 'centreId', key: 'worknet.noCentre' },
    ]);
  return c;
}

/**
 * Employer by 사업자등록번호 (created in the importing centre when new); without a valid
 * number, an existing employer of exactly that name (ours first), else null: employers need a
 * valid number, so such rows are rejected rather than invented.
 */
async function resolveEmployer(
  tx: Db,
  ctx: { dataKey: Buffer },
  actor: Actor | null,
  w: Wanted,
  regionCode: string,
  centreId: string,
): Promise<{ id: string; name: string } | null> {
  const name = text(w, 'company');
  // A registered employer is found by its number as stored; a new one needs a valid number.
  const digits = bizRegNoDigits(text(w, 'busino'));
  const found = digits ? await findEmployerRef(tx, { bizRegNo: digits }) : null;
  if (found) return { id: found.id, name: found.name };
  const no = cleanBizRegNo(text(w, 'busino'));
  if (no) {
    const row = await insertEmployer(
      tx,
      ctx,
      actor,
      {
        name,
        bizRegNo: no,
        ksic: null,
        size: null,
        regionCode,
        address: null,
        contacts: [],
        counsellorId: null,
        notes: null,
      },
      centreId,
    );
    return { id: row.id, name: row.name };
  }
  return findEmployerByName(tx, name, centreId);
}

/**
 * Imports the national portal's Open API list XML: upserts postings by wantedAuthNo (running
 * the same file twice changes nothing: the second run counts every row unchanged), matches
 * employers by 사업자등록번호, marks rows source 'worknet' and open. A posting under a
 * counsellor's review (pending, returned, rejected) is held as it is (`importDecision`). Each
 * new posting sends posting.created and each changed open (or reopened) one posting.updated to
 * subscribed webhook endpoints (`postingEvent`). All in one transaction: a file with rejected rows saves (and sends)
 * nothing unless `opts.partial`, and malformed XML throws 400 before anything is written.
 */
export async function importWorknetXml(
  db: Db,
  ctx: { dataKey: Buffer },
  actor: Actor | null,
  xml: string,
  centreId?: string,
  /** `kecoEdition`: the edition of the file's jobsCd, '2025' (고용24 today) unless said otherwise. */
  opts: { partial?: boolean; lang?: 'ko' | 'en'; kecoEdition?: KecoEdition } = {},
): Promise<WorknetImportResult> {
  const rows = parseWorknetXml(xml);
  const today = seoulToday();
  const owner = await importCentre(db, actor, centreId);
  const lang = opts.lang ?? 'ko';
  const present = (ps: FieldProblem[]) =>
    ps.map((p) => ({ field: p.field, message: t(lang, p.key, p.params) }));
  const result: WorknetImportResult = { imported: 0, updated: 0, unchanged: 0, held: [], rejected: [] };
  const raw: FieldProblem[] = [];
  const reject = (row: number, ps: FieldProblem[]) => {
    result.rejected.push({ row, errors: present(ps) });
    for (const p of ps) raw.push({ ...p, field: `wanted[${row}].${p.field}` });
  };
  await db.transaction().execute(async (tx) => {
    const known = await statusesByAuthNo(
      tx,
      rows.map((w) => text(w, 'wantedAuthNo')),
    );
    const history: HistoryEntry[] = [];
    for (let i = 0; i < rows.length; i++) {
      const w = rows[i]!;
      const problems: FieldProblem[] = [];
      const input = toInput(w, today, problems, opts.kecoEdition ?? '2025');
      const checked: FieldProblem[] = [];
      const cols = validatePosting(input, checked, { today });
      // Fields the Worknet parsing already reported would be reported twice.
      for (const p of checked) {
        const field = elementOf[p.field] ?? p.field;
        if (!problems.some((q) => q.field === field)) problems.push({ ...p, field });
      }
      if (problems.length) {
        reject(i + 1, problems);
        continue;
      }
      const before = known.get(input.authNo);
      if (before && importDecision(before) === 'hold') {
        result.held.push({
          row: i + 1,
          wantedAuthNo: input.authNo,
          status: before,
          message: t(lang, 'worknet.held', { status: before }),
        });
        continue;
      }
      const employer = await resolveEmployer(tx, ctx, actor, w, cols.region_code, owner);
      if (!employer) {
        reject(i + 1, [{ field: 'busino', key: 'worknet.employer' }]);
        continue;
      }
      cols.employer_id = employer.id;
      const r = await upsertWorknetPosting(tx, cols, {
        authNo: input.authNo,
        owner,
        actorId: actor?.userId ?? null,
        tokens: postingTokens(cols, employer.name),
        openEndedOn: isOpenEndedDate(text(w, 'closeDt') || '채용시까지') ? today : null,
      });
      if (!r) {
        // Same content and status as ours (or a counsellor's decision came in meanwhile).
        result.unchanged++;
        continue;
      }
      if (r.inserted) result.imported++;
      else result.updated++;
      history.push({
        postingId: r.id,
        centreId: r.centre_id,
        actorId: actor?.userId ?? null,
        action: 'import',
        changes: { wantedAuthNo: input.authNo, inserted: r.inserted },
        // A re-import keeps closed and filled as they are and opens the rest (the upsert).
        step: r.inserted
          ? { before: null, after: 'open', closesAt: r.closes_at, wasOpen: false }
          : {
              // (a row earlier in this file inserted it: it is open)
              before: before ?? 'open',
              after: before === 'closed' || before === 'filled' ? before : 'open',
              closesAt: r.closes_at,
              wasOpen: true,
            },
      });
    }
    // History and webhook events (posting.created / posting.updated; none for a closed or
    // filled posting, which partners cannot read) of the whole file in a few statements, in
    // this transaction: a file that is rolled back announces nothing.
    await addHistories(tx, history);
    if (result.rejected.length && !opts.partial) {
      // Nothing of a file with errors is kept (rollback); the caller sees every row's errors.
      throw new DomainError('validation', 'worknet.rejected', { count: result.rejected.length }, raw, {
        imported: 0,
        updated: 0,
        unchanged: 0,
        held: [],
        rejected: result.rejected,
      });
    }
  });
  return result;
}
