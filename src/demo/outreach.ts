import { type Kysely, sql } from 'kysely';
import { closedDays, dueAfter } from '../features/calendar/calendar.service.ts';
import { employerTokens } from '../features/employers/employers.service.ts';
import { REQUEST_LIMIT_DAYS } from '../features/outreach/outreach.codes.ts';
import { createOutreachDrafts } from '../features/postings/outreach-drafts.service.ts';
import type { Tables } from '../platform/db/tables.ts';
import { withBizRegCheckDigit } from '../platform/domain/validate.ts';
import type { Actor } from '../platform/http/actor.ts';
import { ANSWERS, DEPARTMENTS, DIFFICULTIES, DONGS, JOBS, PROSPECTS, REQUEST_OF } from './outreach-words.ts';
import { demoId, Rng } from './rng.ts';

// Outreach demo (issue 16; seeds 000 and 003): the 일자리 발굴단 of the events centre (인천
// 서구, since 2026-07-01 서해구) goes out on Tuesdays and Thursdays (some Wednesdays) from
// 1 January last year to two weeks ahead, 3–5 companies an outing, each company's address
// carrying its 동. Held visits record a survey, difficulties and sometimes jobs (older ones
// became postings the centre opened, the last three weeks' are drafts waiting for a counsellor);
// permit, site and funding difficulties become requests routed to the district's departments
// with due dates by the calendar; about twenty 구민 우선채용 협약 a year; new businesses found
// on the way are prospects; the centre's targets for both years. Deterministic per seed.

const STREAM = 1016;
const KST = 9 * 3_600_000;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const at = (d: string, minute: number) => new Date(Date.parse(`${d}T00:00:00Z`) - KST + minute * 60_000);

/** Inserts the outreach demo; returns rows per table. */
export async function seedOutreach(
  db: Kysely<Tables>,
  o: { seed: number; today: string; centreIds: { id: string; region: string; kind: string }[] },
): Promise<Record<string, number>> {
  const centre =
    o.centreIds.find((c) => c.region === '28275' || c.region === '28260') ??
    o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const staff = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('centre_id', '=', centre.id)
    .where('role', 'in', ['outreach', 'counsellor'])
    .orderBy('role', 'desc')
    .orderBy('id')
    .execute();
  const known = await db
    .selectFrom('employers')
    .select(['id', 'name', 'address', 'region_code'])
    .where('centre_id', '=', centre.id)
    .orderBy('id')
    .limit(400)
    .execute();
  if (staff.length === 0 || known.length < 3) return {};
  const rng = new Rng(o.seed, STREAM);
  const ms = Date.parse(`${o.today}T00:00:00Z`);
  let n = 0;
  const id = (at = ms) => demoId(o.seed, STREAM, n++, at);
  // Every company of the centre gets its 동 in brackets (road address + 동, as Korean addresses read).
  const dongOf = new Map<string, string>();
  for (const e of known) {
    const dong = rng.pick(DONGS);
    dongOf.set(e.id, dong);
    if (e.address && !e.address.includes('(')) {
      await db
        .updateTable('employers')
        .set({ address: `${e.address} (${dong})` })
        .where('id', '=', e.id)
        .execute();
    }
  }
  const lastYear = `${Number(o.today.slice(0, 4)) - 1}-01-01`;
  const prospects = PROSPECTS.map((name, i) => ({
    id: id(ms - (i + 1) * 9 * 86_400_000),
    centre_id: centre.id,
    name: `${name}(주)`,
    biz_reg_no: withBizRegCheckDigit(`6228${String(10_000 + rng.int(0, 89_999)).slice(0, 5)}`),
    region_code: centre.region,
    address: `인천 서해구 ${rng.pick(['봉수대로', '가정로', '청라대로', '원창로'])} ${rng.int(10, 400)} (${DONGS[i % DONGS.length]})`,
    prospect: true,
    search_tokens: employerTokens(`${name}(주)`),
    created_by: staff[0]?.id ?? null,
    created_at: new Date(ms - (i + 1) * 9 * 86_400_000),
  }));
  await db
    .insertInto('employers')
    .values(prospects as never)
    .onConflict((oc) => oc.column('biz_reg_no').doNothing())
    .execute();
  const departments = DEPARTMENTS.map(([name, phone]) => ({ id: id(), centre_id: centre.id, name, phone }));
  await db.insertInto('departments').values(departments).execute();
  const deptId = new Map(departments.map((d) => [d.name, d.id]));
  const closed = new Set(
    (await closedDays({ db }, { centreId: centre.id, from: lastYear, to: addDays(o.today, 14) })).map(
      (d) => d.date,
    ),
  );
  const postings = await db
    .selectFrom('postings')
    .select(['id', 'employer_id', 'title', 'occupation_code', 'headcount'])
    .where('centre_id', '=', centre.id)
    .where('status', 'in', ['open', 'closed'])
    .orderBy('id')
    .execute();
  const unused = new Map<string, typeof postings>();
  for (const p of postings) unused.set(p.employer_id, [...(unused.get(p.employer_id) ?? []), p]);
  const visits: Tables['outreach_visits'][] = [];
  const difficulties: Tables['outreach_difficulties'][] = [];
  const jobs: Tables['outreach_jobs'][] = [];
  const requests: { r: Tables['admin_requests']; events: Tables['admin_request_events'][] }[] = [];
  const now = Date.now();
  const team = staff.map((s) => s.id);
  const actor = { userId: team[0] } as unknown as Actor;
  const drafts: {
    visit: number;
    jobs: {
      title: string;
      occupationCode: string;
      headcount: number;
      wageType: 'M' | 'H';
      wageMin: number;
    }[];
    employerId: string;
    name: string;
    region: string;
  }[] = [];
  let k = 0;
  for (let d = lastYear; d <= addDays(o.today, 14); d = addDays(d, 1)) {
    const wd = weekday(d);
    if (closed.has(d) || !(wd === 2 || wd === 4 || (wd === 3 && rng.chance(0.3)))) continue;
    const outing = rng.int(3, 5);
    const dong = rng.pick(DONGS);
    const here = known.filter((e) => dongOf.get(e.id) === dong);
    const pool = [
      ...new Set([...rng.sample(here, Math.min(outing, here.length)), ...rng.sample(known, outing)]),
    ].slice(0, outing);
    for (const [i, e] of pool.entries()) {
      const planned = at(d, 10 * 60 + i * 80);
      const past = planned.getTime() + 3_600_000 < now;
      const cancelled = past && rng.chance(0.08);
      const held = past && !cancelled;
      const vid = id(planned.getTime());
      const who = rng.sample(team, Math.min(2, team.length));
      visits.push({
        id: vid,
        centre_id: centre.id,
        employer_id: e.id,
        planned_at: planned,
        team_user_ids: who,
        purpose: rng.pick(['채용 수요 조사', '구인 공고 안내', '애로사항 청취', '우선채용 협약 상담']),
        status: held ? 'held' : cancelled ? 'cancelled' : 'planned',
        held_at: held ? planned : null,
        survey: held
          ? JSON.stringify({
              employees: rng.int(10, 180),
              workEnvironment: rng.pick(['주 5일 주간', '2교대', '3교대', '주 5일, 잔업 잦음']),
              workIntensity: rng.pick(['보통', '높음', '낮음']),
              hiringPlan: rng.pick(['상반기 2명', '하반기 3명', '수시 1명', '당분간 없음']),
            })
          : null,
        reported_by: held ? (who[0] ?? null) : null,
        reported_at: held ? new Date(planned.getTime() + 2 * 3_600_000) : null,
        cancel_reason: cancelled ? '기업 사정으로 일정 연기' : null,
        created_by: who[0] ?? null,
        created_at: new Date(planned.getTime() - 7 * 86_400_000),
      } as unknown as Tables['outreach_visits']);
      if (!held) continue;
      const cats = rng.sample(Object.keys(DIFFICULTIES), rng.chance(0.6) ? rng.int(1, 2) : 0);
      for (const [p, cat] of cats.entries()) {
        difficulties.push({
          id: id(planned.getTime()),
          visit_id: vid,
          position: p,
          centre_id: centre.id,
          employer_id: e.id,
          category: cat,
          description: rng.pick(DIFFICULTIES[cat] as string[]),
        } as unknown as Tables['outreach_difficulties']);
        const route = REQUEST_OF[cat];
        if (route && rng.chance(0.5)) {
          const receivedAt = new Date(planned.getTime() + 3 * 3_600_000);
          const due = await dueAfter({ db }, { receivedAt, days: REQUEST_LIMIT_DAYS[route.category] });
          const department = deptId.get(route.department) as string;
          const age = (now - receivedAt.getTime()) / 86_400_000;
          const answeredAt =
            age > 20 || rng.chance(0.4)
              ? new Date(
                  Math.min(
                    now - 3_600_000,
                    due.getTime() + (rng.chance(0.85) ? -1 : 1) * rng.int(1, 5) * 86_400_000,
                  ),
                )
              : null;
          const done = answeredAt && answeredAt.getTime() > receivedAt.getTime() ? answeredAt : null;
          const closedAt = done && age > 30 ? new Date(done.getTime() + 2 * 86_400_000) : null;
          const rid = id(receivedAt.getTime());
          const status = closedAt ? 'closed' : done ? 'answered' : age > 2 ? 'in_progress' : 'routed';
          const answer = done ? (ANSWERS[route.department] ?? '검토 결과를 안내해 드렸습니다.') : null;
          const ev = (s: string, atMs: number, note: string, dept: string | null = null) =>
            ({
              id: id(atMs),
              request_id: rid,
              centre_id: centre.id,
              at: new Date(atMs),
              actor_id: who[0] ?? null,
              status: s,
              department_id: dept,
              note,
            }) as unknown as Tables['admin_request_events'];
          const events = [ev('routed', receivedAt.getTime(), `${route.department} 배정`, department)];
          if (status !== 'routed')
            events.push(ev('in_progress', receivedAt.getTime() + 86_400_000, '담당자 지정, 검토 중'));
          if (done) events.push(ev('answered', done.getTime(), answer as string));
          if (closedAt) events.push(ev('closed', closedAt.getTime(), '기업 확인 후 종결'));
          requests.push({
            r: {
              id: rid,
              centre_id: centre.id,
              employer_id: e.id,
              visit_id: vid,
              category: route.category,
              description: rng.pick(DIFFICULTIES[cat] as string[]),
              department_id: department,
              status,
              received_at: receivedAt,
              due_at: due,
              answer,
              answered_at: done,
              closed_at: closedAt,
              created_by: who[0] ?? null,
            } as unknown as Tables['admin_requests'],
            events,
          });
        }
      }
      if (!rng.chance(0.35)) continue;
      const found = rng.sample(JOBS, rng.int(1, 3)).map(([title, occupationCode, wageType, wageMin]) => ({
        title,
        occupationCode,
        headcount: rng.int(1, 3),
        wageType,
        wageMin,
      }));
      if (Date.parse(`${o.today}T00:00:00Z`) - planned.getTime() > 21 * 86_400_000) {
        // Older discoveries were completed and opened: they are the company's postings.
        const mine = unused.get(e.id) ?? [];
        for (const [p, j] of found.entries()) {
          const posting = mine.shift();
          if (!posting) break;
          jobs.push({
            id: id(planned.getTime()),
            visit_id: vid,
            position: p,
            centre_id: centre.id,
            employer_id: e.id,
            title: posting.title,
            occupation_code: posting.occupation_code,
            headcount: posting.headcount,
            employment_type: '10',
            wage_type: j.wageType,
            wage_min: j.wageMin,
            posting_id: posting.id,
          } as unknown as Tables['outreach_jobs']);
        }
      } else {
        drafts.push({
          visit: visits.length - 1,
          jobs: found,
          employerId: e.id,
          name: e.name,
          region: e.region_code,
        });
      }
      k++;
    }
  }
  await db
    .insertInto('outreach_visits')
    .values(visits as never)
    .execute();
  for (let i = 0; i < difficulties.length; i += 500) {
    await db
      .insertInto('outreach_difficulties')
      .values(difficulties.slice(i, i + 500) as never)
      .execute();
  }
  for (const dr of drafts) {
    const visit = visits[dr.visit] as unknown as { id: string; held_at: Date };
    const ids = await createOutreachDrafts(db, actor, {
      employerId: dr.employerId,
      employerName: dr.name,
      centreId: centre.id,
      regionCode: dr.region,
      jobs: dr.jobs,
    });
    dr.jobs.forEach((j, p) => {
      jobs.push({
        id: id(visit.held_at.getTime()),
        visit_id: visit.id,
        position: p,
        centre_id: centre.id,
        employer_id: dr.employerId,
        title: j.title,
        occupation_code: j.occupationCode,
        headcount: j.headcount,
        employment_type: '10',
        wage_type: j.wageType,
        wage_min: j.wageMin,
        posting_id: ids[p],
      } as unknown as Tables['outreach_jobs']);
    });
  }
  for (let i = 0; i < jobs.length; i += 500) {
    await db
      .insertInto('outreach_jobs')
      .values(jobs.slice(i, i + 500) as never)
      .execute();
  }
  if (requests.length) {
    await db
      .insertInto('admin_requests')
      .values(requests.map((x) => x.r) as never)
      .execute();
    await db
      .insertInto('admin_request_events')
      .values(requests.flatMap((x) => x.events) as never)
      .execute();
  }
  // About twenty 구민 우선채용 협약 a year, each for a year, with companies visited.
  const agreements: Tables['hiring_agreements'][] = [];
  const heldVisits = visits.filter((v) => (v.status as unknown) === 'held') as unknown as {
    employer_id: string;
    held_at: Date;
  }[];
  for (const v of rng.sample(heldVisits, Math.min(heldVisits.length, 38))) {
    const signed = new Date(v.held_at.getTime() + 14 * 86_400_000 + KST).toISOString().slice(0, 10);
    if (signed > o.today) continue;
    agreements.push({
      id: id(v.held_at.getTime()),
      centre_id: centre.id,
      employer_id: v.employer_id,
      signed_on: signed,
      valid_from: signed,
      valid_to: addDays(signed, 364),
      pledged: rng.int(2, 8),
      occupations: [],
      resident_region: centre.region,
      note: '구민 우선채용 협약(발굴단 방문 후 체결)',
      created_by: team[0] ?? null,
    } as unknown as Tables['hiring_agreements']);
  }
  if (agreements.length)
    await db
      .insertInto('hiring_agreements')
      .values(agreements as never)
      .execute();
  // The centre's targets (seed 003: ~1,500 companies, 1,000 jobs, 20+ agreements, scaled to the demo).
  const targets = {
    companyVisits: 450,
    companiesVisited: 250,
    jobsDiscovered: 500,
    agreementsSigned: 20,
    pledgedPositions: 100,
  };
  for (const year of [Number(o.today.slice(0, 4)) - 1, Number(o.today.slice(0, 4))]) {
    await db
      .insertInto('centre_targets')
      .values(
        Object.entries(targets).map(([kpi, target]) => ({
          centre_id: centre.id,
          year,
          kpi,
          target,
          updated_by: null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['centre_id', 'year', 'kpi']).doUpdateSet((eb) => ({ target: eb.ref('excluded.target') })),
      )
      .execute();
  }
  await sql`ANALYZE outreach_visits, outreach_difficulties, outreach_jobs, admin_requests, hiring_agreements`.execute(
    db,
  );
  return {
    outreach_visits: visits.length,
    outreach_difficulties: difficulties.length,
    outreach_jobs: jobs.length,
    outreach_visits_with_jobs: k,
    departments: departments.length,
    admin_requests: requests.length,
    hiring_agreements: agreements.length,
    prospects: prospects.length,
  };
}
