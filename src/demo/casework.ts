/**
 * Casework rows derived from each seeker's core: consents, counselling records, referrals with
 * their status history, and employments. Each table is rendered from its own generator stream
 * per seeker, so the tables can be produced in separate passes and still agree with each other
 * (a hired referral and the employment it created share the posting, the day and the wage).
 * @module
 */

import { DEFAULT_CONSENTS } from '../features/seekers/consents.service.ts';
import { postingFor, type SeekerCore, seekerCore } from './core.ts';
import { companyName } from './names.ts';
import { occupations } from './occupations.ts';
import { buildOrg, type DemoSpec, dateOf, dayOf, S, tsOf } from './plan.ts';
import { demoId, Rng } from './rng.ts';
import { arr, drawWage, esc, postingWithCompany } from './rows.ts';

export const CASEWORK_COLUMNS = {
  consents:
    'id, seeker_id, centre_id, kind, recipients, purpose, items, valid_until, refusal_notice, granted_at, recorded_by',
  counselling:
    'id, seeker_id, centre_id, at, channel, type, title, notes, next_contact_at, counsellor_id, created_at',
  referrals:
    'id, seeker_id, posting_id, centre_id, status, note, created_by, created_at, updated_at, closed_at',
  referral_events: 'id, referral_id, centre_id, status, at, actor_id, actor_kind, note',
  employments:
    'id, seeker_id, centre_id, employer_id, employer_name, posting_id, referral_id, start_date, route, employment_type, wage_type, wage, created_by, created_at',
} as const;

export type CaseworkTable = keyof typeof CASEWORK_COLUMNS;

const line = (fields: readonly string[]): string => `${fields.join('\t')}\n`;

/** Consent rows for seekers [from, to). */
function consents(spec: DemoSpec, s: SeekerCore, counsellor: string): string {
  let out = '';
  const at = tsOf(s.regDay, s.regMinute);
  const until = dateOf(s.regDay + 3 * 365);
  if (s.consentShare) {
    out += line([
      demoId(spec.seed, S.consent, s.i, s.regDay * 86_400_000, 1),
      s.id,
      s.centre.id,
      'share_network',
      esc('일자리센터 협력망(시·군·구 일자리센터, 고용센터, 여성새로일하기센터)'),
      esc('취업 알선·상담 연계 및 구인정보 제공'),
      // The item codes the access rule reads (a consent naming '희망 근로조건' in words named
      // nothing: shared seekers were listed but answered 404 for matching and referral).
      arr(DEFAULT_CONSENTS.share_network.items),
      until,
      'true',
      at,
      counsellor,
    ]);
  }
  if (s.consentSensitive) {
    out += line([
      demoId(spec.seed, S.consent, s.i, s.regDay * 86_400_000, 2),
      s.id,
      s.centre.id,
      'sensitive',
      esc('소속 일자리센터'),
      esc('장애인 맞춤 취업지원 및 우대 채용 연계'),
      arr(DEFAULT_CONSENTS.sensitive.items),
      until,
      'true',
      at,
      counsellor,
    ]);
  }
  return out;
}

const CHANNELS: readonly [string, number][] = [
  ['visit', 0.5],
  ['phone', 0.85],
  ['online', 0.93],
  ['mobile_desk', 0.97],
  ['group', 1],
];
const NOTES: Record<string, readonly string[]> = {
  intake: [
    '구직등록 및 초기 상담. 희망 직종과 근무 조건을 확인함.',
    '구직표 작성 지원, 취업 희망 분야와 경력 사항을 정리함.',
    '초기 상담: 구직 동기와 희망 임금, 통근 가능 지역을 확인함.',
  ],
  guidance: [
    '이력서·자기소개서 작성 방법을 안내하고 첨삭함.',
    '직업훈련 과정(국민내일배움카드)을 안내함.',
    '희망 직종의 구인 동향과 필요 자격증을 안내함.',
    '면접 준비 요령을 안내하고 모의면접 체험을 권유함.',
  ],
  referral: [
    '적합한 구인업체를 안내하고 알선 동의를 받음.',
    '구인처 근무 조건을 설명하고 면접 일정을 조율함.',
    '동행 면접을 제안하고 이력서를 송부함.',
  ],
  follow_up: [
    '면접 결과를 확인함. 추가 구인정보를 제공하기로 함.',
    '취업 후 적응 상황을 확인함(1개월 사후관리).',
    '연락하여 구직 상태를 확인하고 구인정보를 안내함.',
  ],
  intensive: [
    '토털케어 대상으로 전환, 집중 상담 계획을 수립함.',
    '개인별 취업활동계획(IAP)을 점검하고 단계별 목표를 조정함.',
    '심리 안정 상담과 함께 맞춤 일자리를 재탐색함.',
  ],
};

/**
 * When an active seeker's last counselling record says to call next: for one in twenty-five the
 * call is due today (between 9:30 and 16:30, Seoul), for another one in twenty-five it was due
 * one to five days ago and is overdue (never before the record itself), else on the planned day
 * from tomorrow on. Picked by the seeker's number, not the random stream, so the other columns
 * of the demo stay as they were; relative to the anchor day, so the first screen of any run
 * has calls on it.
 */
function nextContact(i: number, day: number, nextDay: number, today: number): string {
  const pick = (i * 7919) % 25;
  if (pick === 0 && day < today) return tsOf(today, 570 + ((i >> 3) % 15) * 30);
  if (pick === 1) return tsOf(Math.min(today, Math.max(day + 1, today - 1 - (i % 5))), 600);
  return tsOf(Math.max(today + 1, nextDay), 600);
}

function counselling(spec: DemoSpec, s: SeekerCore, counsellorIdx: number): string {
  const rng = new Rng(spec.seed, S.counselling, s.i);
  const org = buildOrg(spec);
  const counsellor = org.users[counsellorIdx]?.id ?? '\\N';
  const today = dayOf(spec.today);
  const end = s.employedDay >= 0 ? Math.min(today, s.employedDay + 40) : today;
  let n = 1 + (rng.chance(0.8) ? 1 : 0) + (rng.chance(0.5) ? 1 : 0) + (rng.chance(0.2) ? 1 : 0) + s.referrals;
  if (s.care === 'intensive') n += 2;
  let out = '';
  let day = s.regDay;
  for (let k = 0; k < n && day <= end; k++) {
    const type =
      k === 0
        ? 'intake'
        : s.care === 'intensive' && k >= n - 2
          ? 'intensive'
          : k <= s.referrals && rng.chance(0.6)
            ? 'referral'
            : rng.chance(0.55)
              ? 'guidance'
              : 'follow_up';
    const x = rng.next();
    const channel =
      k === 0
        ? rng.chance(0.85)
          ? 'visit'
          : 'mobile_desk'
        : (CHANNELS.find(([, p]) => x < p)?.[0] ?? 'phone');
    const minute = rng.int(9 * 60, 17 * 60 + 30);
    const at = k === 0 ? tsOf(s.regDay, s.regMinute + 10) : tsOf(day, minute);
    const nextDay = day + rng.int(5, 45);
    const last = k === n - 1 || nextDay > end;
    const next = last && s.status === 'active' ? nextContact(s.i, day, nextDay, today) : '\\N';
    out += line([
      demoId(spec.seed, S.counselling, s.i, day * 86_400_000 + minute * 60_000, k),
      s.id,
      s.centre.id,
      at,
      channel,
      type,
      '\\N',
      esc(rng.pick(NOTES[type] ?? NOTES.guidance ?? [])),
      next,
      counsellor,
      at,
    ]);
    day = nextDay;
  }
  return out;
}

interface Referral {
  id: string;
  posting: number;
  day: number;
  status: 'referred' | 'screening' | 'interview' | 'hired' | 'rejected' | 'no_show' | 'withdrawn';
  steps: { status: string; day: number }[];
}

/** The referrals of a seeker; the one before the start day is hired when the route is referral. */
function referralsOf(spec: DemoSpec, s: SeekerCore): Referral[] {
  if (s.referrals === 0 || !s.casework) return [];
  const rng = new Rng(spec.seed, S.referral, s.i);
  const today = dayOf(spec.today);
  const last = s.employedDay >= 0 ? s.employedDay - 7 : today;
  const out: Referral[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < s.referrals; k++) {
    const day = Math.min(last, s.regDay + rng.int(3, 20) + k * rng.int(10, 40));
    if (day < s.regDay) break;
    const occ = rng.chance(0.75) ? (s.occupations[0] as string) : rng.pick(s.occupations);
    const posting = postingFor(spec, rng, occ, day);
    if (seen.has(posting)) continue;
    seen.add(posting);
    const hired = s.route === 'referral' && k === s.referrals - 1;
    const age = today - day;
    let status: Referral['status'];
    if (hired) status = 'hired';
    else if (age < 21 && s.employedDay < 0)
      status = rng.pick(['referred', 'screening', 'interview'] as const);
    else {
      const x = rng.next();
      status = x < 0.55 ? 'rejected' : x < 0.75 ? 'no_show' : 'withdrawn';
    }
    const steps = [{ status: 'referred', day }];
    const path =
      status === 'hired'
        ? ['screening', 'interview', 'hired']
        : status === 'rejected'
          ? ['screening', 'interview', 'rejected'].slice(rng.int(0, 1))
          : status === 'screening'
            ? ['screening']
            : status === 'interview'
              ? ['screening', 'interview']
              : status === 'referred'
                ? []
                : [status];
    let d = day;
    for (const st of path) {
      d =
        st === 'hired'
          ? Math.min(today, Math.max(d + 1, s.employedDay - 1))
          : Math.min(today, d + rng.int(1, 6));
      steps.push({ status: st, day: d });
    }
    out.push({
      id: demoId(spec.seed, S.referral, s.i, day * 86_400_000 + 36_000_000, k),
      posting,
      day,
      status,
      steps,
    });
  }
  return out;
}

function referralRows(spec: DemoSpec, s: SeekerCore, counsellor: string, events: boolean): string {
  let out = '';
  for (const [ri, r] of referralsOf(spec, s).entries()) {
    const p = postingWithCompany(spec, r.posting);
    if (!events) {
      const closed = ['hired', 'rejected', 'no_show', 'withdrawn'].includes(r.status);
      const lastStep = r.steps[r.steps.length - 1] as { day: number };
      out += line([
        r.id,
        s.id,
        p.id,
        s.centre.id,
        r.status,
        esc(`${p.company} ${p.occ.name} 알선`),
        counsellor,
        tsOf(r.day, 600),
        tsOf(lastStep.day, 660),
        closed ? tsOf(lastStep.day, 660) : '\\N',
      ]);
      continue;
    }
    r.steps.forEach((st, k) => {
      const byEmployer = st.status !== 'referred' && st.status !== 'withdrawn' && k % 2 === 1;
      out += line([
        demoId(spec.seed, S.refEvent, s.i, st.day * 86_400_000 + 36_000_000 + k * 60_000, ri * 16 + k),
        r.id,
        s.centre.id,
        st.status,
        tsOf(st.day, 600 + k * 30),
        byEmployer ? '\\N' : counsellor,
        byEmployer ? 'employer_link' : 'user',
        '\\N',
      ]);
    });
  }
  return out;
}

function employment(spec: DemoSpec, s: SeekerCore, counsellor: string): string {
  if (s.employedDay < 0) return '';
  const rng = new Rng(spec.seed, S.employment, s.i);
  const id = demoId(spec.seed, S.employment, s.i, s.employedDay * 86_400_000 + 32_400_000);
  const created = tsOf(s.employedDay, rng.int(540, 1070));
  const hired = s.route === 'referral' ? referralsOf(spec, s).find((r) => r.status === 'hired') : undefined;
  if (hired) {
    const p = postingWithCompany(spec, hired.posting);
    const w = drawWage(rng, p.occ, s.employedDay);
    return line([
      id,
      s.id,
      s.centre.id,
      p.employerId,
      esc(p.company),
      p.id,
      hired.id,
      dateOf(s.employedDay),
      'referral',
      '10',
      w.type,
      String(w.min),
      counsellor,
      created,
    ]);
  }
  const route = s.route === 'referral' ? 'self' : (s.route ?? 'self');
  const occ = occupations().byCode.get(s.occupations[0] as string) ?? occupations().list[0];
  if (!occ) return '';
  const w = drawWage(rng, occ, s.employedDay);
  const name =
    route === 'public_job'
      ? `${s.region.short} ${rng.pick(['공공근로사업', '지역공동체일자리', '노인일자리사업', '희망일자리'])}`
      : companyName(rng, occ.kind, rng.chance(0.5), s.region.short);
  const type = route === 'public_job' ? '20' : rng.pick(['10', '10', '20', '11']);
  return line([
    id,
    s.id,
    s.centre.id,
    '\\N',
    esc(name),
    '\\N',
    '\\N',
    dateOf(s.employedDay),
    route,
    type,
    w.type,
    String(w.min),
    counsellor,
    created,
  ]);
}

/** Casework rows of one table for seekers [from, to). */
export function caseworkChunk(spec: DemoSpec, table: CaseworkTable, from: number, to: number): string {
  const org = buildOrg(spec);
  let out = '';
  for (let i = from; i < to; i++) {
    const s = seekerCore(spec, i);
    const counsellor = org.users[s.counsellor]?.id ?? '\\N';
    if (table === 'consents') out += consents(spec, s, counsellor);
    else if (table === 'employments') out += employment(spec, s, counsellor);
    else if (!s.casework) continue;
    else if (table === 'counselling') out += counselling(spec, s, s.counsellor);
    else out += referralRows(spec, s, counsellor, table === 'referral_events');
  }
  return out;
}
