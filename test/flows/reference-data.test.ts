import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createBooking } from '../../src/features/bookings/bookings.service.ts';
import { createResource } from '../../src/features/bookings/resources.service.ts';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
import type { Actor } from '../../src/platform/http/actor.ts';
import { expectStatus, testApp } from '../support/app.ts';

// Issue 14's "Done means", one step after another over the API: a counsellor of the 인천 서구
// centre (now 서해구 28275) registers a seeker in 검단구, finds 인천 서구's old records (28260)
// under 서해구 in reports, imports a 고용24 XML whose jobsCd is 155500 and sees 환경공학 기술자
// 및 연구원 — counted with the old KECO 2018 records of the same work — and a booking on
// 2026-05-01 (노동절) is refused as a holiday. Assumes today is on or after 2026-07-01.
const t = await testApp();
const { db } = t;
const centre = await t.centre('인천서부 일자리센터', null, '28275');
const counsellor = await t.user('counsellor', centre.id);
const manager = await t.user('manager', centre.id);
const today = seoulToday();
const year = `from=2026-01-01&to=${today}`;

/** A record entered before 2026-07-01 with the codes of its day (직접 적재: the API refuses them now). */
async function oldSeeker(region: string, occupation: string, edition: '2018' | '2025', day: string) {
  const id = randomUUID();
  await sql`INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi,
      region_code, education_level, desired_occupations, desired_occupation_edition, registered_at)
    VALUES (${id}, ${centre.id}, ${`OLD-${id.slice(0, 8)}`}, '구직자', '1980-01-01', 'x', ${`bi-${id}`},
      ${region}, '04', ARRAY[${occupation}], ${edition}, ${day}::date)`.execute(db);
  return id;
}

const kpi = async (query: string) =>
  expectStatus(await manager.get(`/api/v1/reports/kpi?${year}&${query}`), 200).figures;

describe('issue 14 done means: reference data that stays current', () => {
  it('registers a seeker in 검단구 and refuses the abolished 인천 서구 for a new record', async () => {
    const s = expectStatus(
      await counsellor.post(
        '/api/v1/seekers',
        buildSeeker({ regionCode: '28290', desired: { occupations: ['1555'], occupationEdition: '2025' } }),
      ),
      201,
    );
    expect(s.regionCode).toBe('28290');
    const shown = expectStatus(await counsellor.get(`/api/v1/codes/regions/28290`), 200);
    expect(shown.name).toContain('검단구');
    const old = expectStatus(
      await counsellor.post('/api/v1/seekers', buildSeeker({ regionCode: '28260' })),
      400,
    );
    expect(old.errors.map((e: { field: string }) => e.field)).toContain('regionCode');
  });

  it("finds 인천 서구's old records under 서해구 in reports, and 검단구's new one under 검단구", async () => {
    await oldSeeker('28260', '1553', '2018', '2026-03-02'); // 인천 서구, KECO 2018 환경공학 기술자
    await oldSeeker('28260', '1555', '2018', '2026-04-10'); // 인천 서구, KECO 2018 보건위생·환경 검사원
    await oldSeeker('28275', '5301', '2025', '2026-08-03'); // 서해구 after the change
    expect((await kpi('regionCode=28275')).seekersRegistered).toBe(3);
    expect((await kpi('regionCode=28290')).seekersRegistered).toBe(1);
    // A 시도 is read from the summary tables, a 시군구 from the records: both roll up.
    expect((await kpi('regionCode=28')).seekersRegistered).toBe(4);
  });

  it('reads the occupation filter in its edition: 2025 1555 takes 2018 1553, never 2018 1555', async () => {
    // 2025 1555 환경공학 기술자 및 연구원 = the 검단구 seeker (2025) + the old 2018 1553 record.
    expect((await kpi('occupation=1555')).seekersRegistered).toBe(2);
    // 2018 1555 보건위생·환경 검사원 is other work: the 2018 record of that code only.
    expect((await kpi('occupation=1555&occupationEdition=2018')).seekersRegistered).toBe(1);
    // A major group is the same in both editions.
    expect((await kpi('occupation=1')).seekersRegistered).toBe(3);
    const bad = expectStatus(await manager.get(`/api/v1/reports/kpi?${year}&occupationEdition=2030`), 400);
    expect(bad.errors[0].field).toBe('occupationEdition');
  });

  it('imports a 고용24 XML whose jobsCd is 155500 and shows 환경공학 기술자 및 연구원', async () => {
    const xml = fs
      .readFileSync(new URL('../../src/features/postings/fixtures/worknet-list.xml', import.meta.url), 'utf8')
      .replace(/<jobsCd>\d+<\/jobsCd>/g, '<jobsCd>155500</jobsCd>');
    const r = expectStatus(
      await counsellor.post('/api/v1/imports/worknet-postings?partial=true', xml, {
        'content-type': 'application/xml',
      }),
      200,
    );
    expect(r.imported).toBeGreaterThan(0);
    const row = await db
      .selectFrom('postings')
      .select(['id'])
      .where('occupation_code', '=', '1555')
      .executeTakeFirstOrThrow();
    const shown = expectStatus(await counsellor.get(`/api/v1/postings/${row.id}`), 200);
    expect(shown).toMatchObject({ occupationEdition: '2025', occupationName: '환경공학 기술자 및 연구원' });
    expect((await kpi('occupation=1555')).postingsRegistered).toBe(r.imported);
    expect((await kpi('occupation=1555&occupationEdition=2018')).postingsRegistered).toBe(0);
  });

  it('refuses a booking on 2026-05-01 (노동절) as a holiday', async () => {
    const actor: Actor = {
      userId: counsellor.user.id,
      login: 'c',
      name: '상담사',
      role: 'counsellor',
      centreId: centre.id,
      employerId: null,
      seekerId: null,
      centreScope: [centre.id],
      via: 'session',
      sessionId: null,
    };
    const ctx = { db, actor, ip: null, lang: 'ko' as const };
    const booth = await createResource(ctx, {
      name: 'AI면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: [2, 3, 4, 5].map((weekday) => ({ weekday, from: '10:00', to: '17:00' })),
    });
    const seekerId = await oldSeeker('28290', '1555', '2025', '2026-04-01');
    const refused = await createBooking(ctx, {
      resourceId: booth.id,
      startsAt: '2026-05-01T11:00:00+09:00',
      seekerId,
      now: new Date('2026-04-20T09:00:00+09:00'),
    }).catch((e: { key?: string; message?: string }) => e);
    expect(refused).toMatchObject({ key: 'booking.holiday' });
    const day = expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${booth.id}/availability?from=2026-05-01&to=2026-05-01`,
      }),
      200,
    );
    expect(day.items).toEqual([]);
    expect(day.closedDays).toContainEqual({ date: '2026-05-01', name: '노동절', kind: 'public' });
  });
});
