import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import type { Tables } from '../platform/db/tables.ts';
import { demoId, Rng } from './rng.ts';

// Mobile desks and department accounts of the demo (issue 16; seeds 000 and 003). 인천 서구's
// 찾아가는 취업상담실 sits in a 행정복지센터 twice a month, 14:00–17:00: here the outreach centre
// (서해구) runs one desk a year — last year at 가정동, this year at 검암경서동 — on the 10th and
// the 25th, weekends and holidays left out as the desks feature leaves them out. At each session
// held, counselling records of the centre's seekers from the days around it are the ones made at
// the desk (channel mobile_desk, deskSessionId, between 14:00 and 17:00), never before the
// seeker registered, and the seekers who registered that day there carry it too; so the KPIs
// deskSessions and deskConsultations show real figures. Two of the district's departments get a
// 부서 담당자 account. Deterministic per seed.

const STREAM = 1211;
const KST = 9 * 3_600_000;
const OPENS = '14:00:00';
const CLOSES = '17:00:00';
const MONTH_DAYS = [10, 25];
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const at = (d: string, hhmmss: string) => new Date(Date.parse(`${d}T${hhmmss}Z`) - KST);

/** The departments given a 부서 담당자 account, and the login suffix of each. */
const DEPARTMENT_LOGINS: [string, string, string][] = [
  ['건축과', 'building', '건축과 담당'],
  ['지역경제과', 'economy', '지역경제과 담당'],
];

export interface DemoDeskLogin {
  login: string;
  role: 'department';
  centre: string;
}

/** Days of [from, until] on the 10th and 25th that are working days of the centre. */
async function sessionDays(db: Kysely<Tables>, centreId: string, from: string, until: string) {
  const off = new Set((await closedDays({ db }, { centreId, from, to: until })).map((c) => c.date));
  const days: string[] = [];
  for (let d = from; d <= until; d = addDays(d, 1)) {
    if (MONTH_DAYS.includes(Number(d.slice(8))) && weekday(d) < 6 && !off.has(d)) days.push(d);
  }
  return days;
}

/** Inserts the desks, their sessions and the department accounts; returns rows per table and the logins. */
export async function seedDesks(
  db: Kysely<Tables>,
  o: {
    seed: number;
    today: string;
    passwordHash: string;
    centres: { id: string; region: string; kind: string; slug: string; name: string }[];
  },
): Promise<{
  rows: Record<string, number>;
  /** counselling records and registrations now made at a session */
  linked: { counselling: number; seekers: number };
  logins: DemoDeskLogin[];
}> {
  const centre =
    o.centres.find((c) => c.region === '28275' || c.region === '28260') ??
    o.centres.find((c) => c.kind === 'city');
  if (!centre) return { rows: {}, linked: { counselling: 0, seekers: 0 }, logins: [] };
  const rng = new Rng(o.seed, STREAM);
  const ms = Date.parse(`${o.today}T00:00:00Z`);
  let n = 0;
  const id = (when = ms) => demoId(o.seed, STREAM, n++, when);
  const year = Number(o.today.slice(0, 4));
  const staff = await db
    .selectFrom('users')
    .select('id')
    .where('centre_id', '=', centre.id)
    .where('role', '=', 'outreach')
    .orderBy('id')
    .executeTakeFirst();
  const desks = [
    {
      place: '가정동 행정복지센터 2층 회의실',
      address: '인천 서해구 가정로 352 (가정동)',
      from: `${year - 1}-01-01`,
      until: `${year - 1}-12-31`,
    },
    {
      place: '검암경서동 행정복지센터 1층 민원실 옆',
      address: '인천 서해구 검암로 10 (검암동)',
      from: `${year}-01-01`,
      // A desk's rule spans at most 400 days; this year's runs two months past the anchor day.
      until: addDays(o.today, 60) < `${year}-12-31` ? addDays(o.today, 60) : `${year}-12-31`,
    },
  ];
  let sessions = 0;
  let linkedCounselling = 0;
  let linkedSeekers = 0;
  for (const d of desks) {
    const deskId = id(Date.parse(`${d.from}T00:00:00Z`));
    await db
      .insertInto('mobile_desks')
      .values({
        id: deskId,
        centre_id: centre.id,
        place: d.place,
        address: d.address,
        region_code: centre.region,
        opens_at: OPENS,
        closes_at: CLOSES,
        capacity: 20,
        by_month_days: MONTH_DAYS,
        valid_from: d.from,
        until: d.until,
        note: '찾아가는 취업상담실: 취업 상담, 구직 등록, 이력서 작성 도움 (신분증 지참)',
        created_by: staff?.id ?? null,
        created_at: at(d.from, '09:00:00'),
      })
      .execute();
    const days = await sessionDays(db, centre.id, d.from, d.until);
    const rows = days.map((date) => ({
      id: id(Date.parse(`${date}T00:00:00Z`)),
      desk_id: deskId,
      centre_id: centre.id,
      date,
      starts_at: at(date, OPENS),
      ends_at: at(date, CLOSES),
      created_at: at(d.from, '09:00:00'),
    }));
    if (rows.length) await db.insertInto('desk_sessions').values(rows).execute();
    sessions += rows.length;
    for (const s of rows) {
      if (s.date >= o.today) continue;
      const want = rng.int(4, 14);
      // Counselling of the centre's seekers from the days around the session, nearest first.
      const picked = await sql<{ id: string; next_contact_at: Date | null }>`
        SELECT c.id, c.next_contact_at FROM counselling c JOIN seekers s ON s.id = c.seeker_id
        WHERE c.centre_id = ${centre.id} AND c.desk_session_id IS NULL
          AND c.at >= (${addDays(s.date, -10)}::date::timestamp AT TIME ZONE 'Asia/Seoul')
          AND c.at < (${addDays(s.date, 11)}::date::timestamp AT TIME ZONE 'Asia/Seoul')
          AND s.registered_at <= ${s.date}::date
          AND (c.next_contact_at IS NULL OR c.next_contact_at > ${s.ends_at})
        ORDER BY abs(extract(epoch FROM c.at - ${s.starts_at}::timestamptz)), c.id
        LIMIT ${want}`.execute(db);
      const step = Math.floor(170 / Math.max(1, picked.rows.length));
      for (const [i, c] of picked.rows.entries()) {
        await db
          .updateTable('counselling')
          .set({
            channel: 'mobile_desk',
            desk_session_id: s.id,
            at: new Date(s.starts_at.getTime() + (i * step + rng.int(0, Math.max(1, step - 1))) * 60_000),
          })
          .where('id', '=', c.id)
          .execute();
      }
      linkedCounselling += picked.rows.length;
      // Seekers of the centre who registered on the session's day: some of them registered there.
      const registered = await db
        .selectFrom('seekers')
        .select('id')
        .where('centre_id', '=', centre.id)
        .where('registered_at', '=', s.date)
        .where('desk_session_id', 'is', null)
        .orderBy('id')
        .limit(rng.int(1, 3))
        .execute();
      if (registered.length) {
        await db
          .updateTable('seekers')
          .set({ channel: 'mobile_desk', desk_session_id: s.id })
          .where(
            'id',
            'in',
            registered.map((r) => r.id),
          )
          .execute();
        linkedSeekers += registered.length;
      }
    }
  }
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'name', 'centre_id'])
    .where('centre_id', '=', centre.id)
    .where(
      'name',
      'in',
      DEPARTMENT_LOGINS.map(([name]) => name),
    )
    .execute();
  const logins: DemoDeskLogin[] = [];
  for (const [name, suffix, label] of DEPARTMENT_LOGINS) {
    const dept = departments.find((x) => x.name === name);
    if (!dept) continue;
    const login = `${centre.slug}.${suffix}`;
    await db
      .insertInto('users')
      .values({
        id: id(Date.parse('2024-01-02T00:00:00Z')),
        login,
        password_hash: o.passwordHash,
        name: label,
        role: 'department',
        centre_id: dept.centre_id,
        department_id: dept.id,
        created_at: new Date('2024-01-02T00:00:00Z'),
        updated_at: new Date('2024-01-02T00:00:00Z'),
      })
      .execute();
    logins.push({ login, role: 'department', centre: centre.name });
  }
  return {
    rows: { mobile_desks: desks.length, desk_sessions: sessions },
    linked: { counselling: linkedCounselling, seekers: linkedSeekers },
    logins,
  };
}
