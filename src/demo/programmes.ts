import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import { encryptField } from '../platform/crypto/fields.ts';
import type { Tables } from '../platform/db/tables.ts';
import { COMMENTS, EMPLOYERS, LECTURES } from './programme-texts.ts';
import { demoId, Rng } from './rng.ts';

// Programmes demo (issue 18, seeds 000, 001, 004): a year at the 광명 centre (41210) or else the
// first city centre — a monthly online 취업특강 (Zoom), the 6-week 취업성공 사관학교 in four cohorts
// (two ended long enough ago to show work found within six months, one running, one filling up
// with a waiting list and a hold window), group counselling for career-interrupted women,
// mentoring, and two institution programmes from requests (a school's two-day job camp, an army
// unit's pre-discharge counselling; participants counted, not profiled) plus a request waiting.
// Attendance of past sessions, surveys, and jobs found (route self). Deterministic per seed.

const STREAM = 941;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const at = (d: string, hhmm: string) => new Date(`${d}T${hhmm}:00+09:00`);

type Row = Record<string, unknown>;
/** The completion rule by kind: 80% of the sessions for courses and group counselling, else all. */
const pctOf = (kind: string) => (kind === 'course' || kind === 'group_counselling' ? 80 : 100);
interface Spec {
  title: string;
  kind: string;
  cohort: string | null;
  format: 'offline' | 'online';
  capacity: number;
  days: string[];
  from: string;
  to: string;
  holdHours?: number;
  targets?: string[];
  waiting?: number;
  request?: Row;
  external?: { participants: number; completed: number };
}

/** Inserts the programmes demo; returns rows per table. */
export async function seedProgrammes(
  db: Kysely<Tables>,
  o: {
    seed: number;
    today: string;
    dataKey: Buffer;
    centreIds: { id: string; region: string; kind: string }[];
  },
): Promise<Record<string, number>> {
  const centre = o.centreIds.find((c) => c.region === '41210') ?? o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const seekers = (
    await db.selectFrom('seekers').select('id').where('centre_id', '=', centre.id).orderBy('id').execute()
  ).map((s) => s.id);
  if (seekers.length < 20) return {};
  const rng = new Rng(o.seed, STREAM);
  const from = addDays(o.today, -330);
  const closed = new Set(
    (await closedDays({ db }, { centreId: centre.id, from, to: addDays(o.today, 60) })).map((d) => d.date),
  );
  const open = (d: string) => weekday(d) <= 5 && !closed.has(d);
  /** Working days from `first` on the given weekdays, `n` of them. */
  const pattern = (first: string, weekdays: number[], n: number) => {
    const out: string[] = [];
    for (let d = first; out.length < n; d = addDays(d, 1))
      if (weekdays.includes(weekday(d)) && open(d)) out.push(d);
    return out;
  };
  /** The first Monday on or after `d`. */
  const monday = (d: string) => addDays(d, (8 - weekday(d)) % 7);
  const specs: Spec[] = [];
  // Monthly online lecture: the third Wednesday (or the next open weekday), 19:00–21:00.
  for (let m = 0; m < 10; m++) {
    const month = addDays(from, 30 * m + 15).slice(0, 8);
    let d = `${month}15`;
    while (weekday(d) !== 3) d = addDays(d, 1);
    while (!open(d)) d = addDays(d, 1);
    specs.push({
      title: LECTURES[m % LECTURES.length]!,
      kind: 'lecture',
      cohort: null,
      format: 'online',
      capacity: 100,
      days: [d],
      from: '19:00',
      to: '21:00',
      targets: m % 3 === 0 ? ['youth'] : [],
    });
  }
  // And the next one, open for sign-up.
  let nextLecture = addDays(o.today, 10);
  while (weekday(nextLecture) !== 3 || !open(nextLecture)) nextLecture = addDays(nextLecture, 1);
  specs.push({
    title: '행동유형 특성을 통한 나와 타인 이해하기 (앙코르)',
    kind: 'lecture',
    cohort: null,
    format: 'online',
    capacity: 100,
    days: [nextLecture],
    from: '19:00',
    to: '21:00',
  });
  // 취업성공 사관학교: 6 weeks, Mon/Wed/Fri 10:00–13:00, four cohorts.
  const cohortStarts = [-280, -200, -21, 21].map((n) => monday(addDays(o.today, n)));
  cohortStarts.forEach((first, i) => {
    const days = pattern(first, [1, 3, 5], 18).filter((d) => d < addDays(first, 42));
    specs.push({
      title: '취업성공 사관학교',
      kind: 'course',
      cohort: `${21 + i}기`,
      format: 'offline',
      capacity: Math.min(25, Math.floor(seekers.length / 2)),
      days,
      from: '10:00',
      to: '13:00',
      holdHours: 48,
      targets: ['youth'],
      waiting: i === 3 ? 6 : 0,
    });
  });
  // 경력단절여성 집단상담: five Tuesdays.
  for (const [k, n] of [
    [0, -150],
    [1, -40],
  ] as const) {
    specs.push({
      title: '경력단절여성 집단상담 「다시, 일」',
      kind: 'group_counselling',
      cohort: `${7 + k}기`,
      format: 'offline',
      capacity: 15,
      days: pattern(addDays(o.today, n), [2], 5),
      from: '10:00',
      to: '12:00',
      targets: ['career_break_women'],
    });
  }
  specs.push({
    title: '현직자 멘토링: 물류·유통 관리직',
    kind: 'mentoring',
    cohort: null,
    format: 'offline',
    capacity: 12,
    days: pattern(addDays(o.today, -75), [4], 1),
    from: '14:00',
    to: '16:00',
  });
  // Institution programmes: a two-day camp and a pre-discharge session, each from a request.
  const camp = pattern(addDays(o.today, -120), [4, 5], 2);
  const unit = pattern(addDays(o.today, -60), [3], 1);
  const request = (
    n: number,
    name: string,
    kind: string,
    topic: string,
    days: string[],
    headcount: number,
  ) => ({
    id: demoId(o.seed, STREAM, 50 + n, Date.parse(from)),
    reference_no: `IR-${addDays(days[0] ?? o.today, -40).replaceAll('-', '')}-${['KM7QX2', 'RT4DPA', 'HZ8NWE'][n]}`,
    centre_id: centre.id,
    institution_name: name,
    institution_kind: kind,
    contact_name: ['박진로', '이인사', '정행정'][n],
    contact_phone_enc: encryptField(o.dataKey, ['02-2680-1234', '031-940-5678', '02-2610-4321'][n]),
    contact_email_enc: null,
    topic,
    preferred_dates: days.length ? days : [addDays(o.today, 40)],
    headcount,
    message: null,
    status: days.length ? 'accepted' : 'received',
    decided_by: null,
    decided_at: days.length ? at(addDays(days[0]!, -30), '11:00') : null,
    decline_reason: null,
    copied_from: null,
    source_hash: null,
    created_by: null,
    created_at: at(addDays(days[0] ?? o.today, days.length ? -40 : -3), '15:20'),
  });
  const requests = [
    request(0, '광명경영회계고등학교', 'school', '3학년 2일 취업캠프(이력서·모의면접)', camp, 120),
    request(1, '육군 제00사단 00여단', 'military', '전역 3개월 전 장병 취업상담', unit, 45),
    request(2, '광명시 가족센터', 'agency', '결혼이민자 취업 준비 특강', [], 30),
  ];
  specs.push(
    {
      title: '광명경영회계고 3학년 취업캠프',
      kind: 'camp',
      cohort: null,
      format: 'offline',
      capacity: 120,
      days: camp,
      from: '09:30',
      to: '15:30',
      targets: ['hs_graduate'],
      request: requests[0],
      external: { participants: 118, completed: 112 },
    },
    {
      title: '전역예정장병 취업상담(육군 제00사단)',
      kind: 'pre_discharge',
      cohort: null,
      format: 'offline',
      capacity: 45,
      days: unit,
      from: '13:00',
      to: '16:00',
      targets: ['pre_discharge_soldier'],
      request: requests[1],
      external: { participants: 43, completed: 43 },
    },
  );

  // The anchor day's noon stands for now (a demo anchored in the past stays consistent).
  const now = Date.parse(`${o.today}T12:00:00+09:00`);
  const rows: Record<string, Row[]> = {
    institution_requests: requests,
    programmes: [],
    programme_sessions: [],
    programme_enrolments: [],
    programme_attendance: [],
    programme_surveys: [],
    employments: [],
  };
  let n = 0;
  for (const s of specs) {
    const id = demoId(o.seed, STREAM, ++n, Date.parse(s.days[0]!));
    const sessions = s.days.map((d, k) => ({
      id: demoId(o.seed, STREAM, 10_000 + n * 100 + k, Date.parse(d)),
      programme_id: id,
      centre_id: centre.id,
      seq: k + 1,
      starts_at: at(d, s.from),
      ends_at: at(d, s.to),
      external_attended:
        s.external && at(d, s.from).getTime() <= now ? s.external.participants - rng.int(0, 4) : null,
    }));
    const last = sessions[sessions.length - 1]!;
    const ended = last.ends_at.getTime() <= now;
    const external = !!s.external;
    const people = external ? 0 : Math.min(s.capacity, Math.round(s.capacity * (0.7 + rng.next() * 0.3)));
    const pool = [...seekers];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const registered = s.waiting ? s.capacity : people;
    const chosen = pool.slice(0, Math.min(pool.length, registered + (s.waiting ?? 0)));
    const published = at(addDays(s.days[0]!, -30), '09:00');
    rows.programmes!.push({
      id,
      centre_id: centre.id,
      title: s.title,
      kind: s.kind,
      cohort: s.cohort,
      format: s.format,
      venue:
        s.format === 'online'
          ? null
          : s.request
            ? `${s.request.institution_name} 강당`
            : '광명시일자리센터 3층 교육장',
      online_url:
        s.format === 'online' ? `https://zoom.us/j/8${String(rng.int(100_000_000, 999_999_999))}` : null,
      capacity: s.capacity,
      taken: Math.min(registered, chosen.length),
      waitlist: !external,
      hold_hours: s.holdHours ?? 0,
      completion_min_pct: pctOf(s.kind),
      target_groups: s.targets ?? [],
      description: null,
      first_starts_at: sessions[0]!.starts_at,
      last_ends_at: last.ends_at,
      institution_request_id: s.request?.id ?? null,
      external_participants: s.external?.participants ?? null,
      external_completed: ended ? (s.external?.completed ?? null) : null,
      published: !external,
      published_at: external ? null : published,
      created_by: null,
      created_at: published,
    });
    rows.programme_sessions!.push(...sessions);
    chosen.forEach((seekerId, k) => {
      const enrolmentId = demoId(o.seed, STREAM, 100_000 + n * 1000 + k, published.getTime());
      const waiting = k >= registered;
      rows.programme_enrolments!.push({
        id: enrolmentId,
        programme_id: id,
        centre_id: centre.id,
        seeker_id: seekerId,
        status: waiting ? 'waitlisted' : 'registered',
        channel: k % 4 === 0 ? 'staff' : 'portal',
        promoted_at: null,
        hold_until: null,
        cancel_reason: null,
        cancelled_at: null,
        cancelled_by: null,
        created_by: null,
        created_at: new Date(published.getTime() + (k + 1) * 3_600_000),
      });
      if (waiting) return;
      const steady = 0.65 + rng.next() * 0.35;
      let attended = 0;
      let excused = 0;
      let past = 0;
      for (const session of sessions) {
        if (session.starts_at.getTime() > now) continue;
        past++;
        const r = rng.next();
        const status =
          r < steady * 0.92 ? 'present' : r < steady ? 'late' : r < steady + 0.04 ? 'excused' : 'absent';
        if (status === 'present' || status === 'late') attended++;
        if (status === 'excused') excused++;
        rows.programme_attendance!.push({
          session_id: session.id,
          enrolment_id: enrolmentId,
          programme_id: id,
          centre_id: centre.id,
          status,
          marked_by: null,
          marked_at: new Date(session.ends_at.getTime() + 600_000),
        });
      }
      const completed = ended && attended > 0 && attended * 100 >= pctOf(s.kind) * (past - excused);
      if (!completed) return;
      const lastDay = s.days[s.days.length - 1]!;
      if (rng.chance(0.68)) {
        rows.programme_surveys!.push({
          enrolment_id: enrolmentId,
          programme_id: id,
          centre_id: centre.id,
          seeker_id: seekerId,
          score: rng.chance(0.55) ? 5 : rng.chance(0.8) ? 4 : rng.chance(0.7) ? 3 : 2,
          comment: rng.chance(0.4) ? rng.pick(COMMENTS) : null,
          created_at: at(lastDay, '13:30'),
        });
      }
      // Jobs found after the course (courses and group counselling), within six months.
      const start = addDays(lastDay, rng.int(14, 170));
      if (['course', 'group_counselling'].includes(s.kind) && start <= o.today && rng.chance(0.5)) {
        rows.employments!.push({
          id: demoId(o.seed, STREAM, 900_000 + rows.employments!.length, Date.parse(start)),
          seeker_id: seekerId,
          centre_id: centre.id,
          employer_id: null,
          employer_name: rng.pick(EMPLOYERS),
          posting_id: null,
          referral_id: null,
          start_date: start,
          route: 'self',
          employment_type: '10',
          wage_type: 'M',
          wage: 2_250_000 + rng.int(0, 10) * 50_000,
          created_by: null,
          created_at: at(addDays(start, 3), '10:00'),
          duplicate_of: null,
        });
      }
    });
  }
  for (const table of [
    'institution_requests',
    'programmes',
    'programme_sessions',
    'programme_enrolments',
    'programme_attendance',
    'programme_surveys',
  ] as const) {
    const list = rows[table]!;
    for (let i = 0; i < list.length; i += 500) {
      await db
        .insertInto(table)
        .values(list.slice(i, i + 500) as never)
        .execute();
    }
  }
  // A job of a day the seeker already has at that employer is the same hire: left out.
  let employed = 0;
  for (let i = 0; i < rows.employments!.length; i += 500) {
    const saved = await db
      .insertInto('employments')
      .values(rows.employments!.slice(i, i + 500) as never)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    employed += saved.length;
  }
  await sql`ANALYZE programmes, programme_sessions, programme_enrolments, programme_attendance`.execute(db);
  return {
    institution_requests: rows.institution_requests!.length,
    programmes: rows.programmes!.length,
    programme_sessions: rows.programme_sessions!.length,
    programme_enrolments: rows.programme_enrolments!.length,
    programme_attendance: rows.programme_attendance!.length,
    programme_surveys: rows.programme_surveys!.length,
    programme_employments: employed,
  };
}
