import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';
import { employerNameKey } from './employments.duplicates.ts';
import { seoulToday } from './employments.service.ts';

const t = await testApp();
const centre = await t.centre('서울서초일자리센터');
const staff = await t.user('counsellor', centre.id);

const count = async (seekerId: string) =>
  Number(
    (
      await t.db
        .selectFrom('employments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('seeker_id', '=', seekerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('one employment per seeker, start date and employer', () => {
  it('answers 409 naming the recorded employment for a repeat, in Korean or English', async () => {
    const seeker = await insertSeeker(t.db, centre.id);
    const body = { seekerId: seeker, employerName: '㈜한빛정밀', route: 'self', startDate: '2026-04-01' };
    const first = expectStatus(await staff.post('/api/v1/employments', body), 201);
    expect(first.duplicateOf).toBeNull();

    // Spacing, ASCII case and the ㈜ sign do not make another employer.
    const again = await staff.post('/api/v1/employments', { ...body, employerName: ' (주) 한빛 정밀 ' });
    const ko = expectStatus(again, 409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(ko.existingId).toBe(first.id);
    expect(ko.detail).toContain('이미 있습니다');
    expect(ko.detail).toContain(first.id);
    expect(ko.errors).toEqual([{ field: 'startDate', message: ko.detail }]);
    const en = expectStatus(
      await staff.post('/api/v1/employments', { ...body, route: 'event' }, { 'accept-language': 'en' }),
      409,
    );
    expect(en.detail).toMatch(/already recorded/);
    expect(await count(seeker)).toBe(1);

    // Another day, or another employer, is another employment.
    expectStatus(await staff.post('/api/v1/employments', { ...body, startDate: '2026-05-01' }), 201);
    expectStatus(await staff.post('/api/v1/employments', { ...body, employerName: '한빛정밀기계' }), 201);
    expect(await count(seeker)).toBe(3);
  });

  it('sees a repeat of a hire recorded with the employer id when only the name is given', async () => {
    const seeker = await insertSeeker(t.db, centre.id);
    const employer = expectStatus(
      await staff.post('/api/v1/employers', {
        name: 'Blue Ocean 물류',
        bizRegNo: withBizRegCheckDigit('215811234'),
        regionCode: '11140',
      }),
      201,
    );
    const byId = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerId: employer.id,
        route: 'self',
        startDate: '2026-04-06',
      }),
      201,
    );
    expect(byId.employerName).toBe('Blue Ocean 물류');
    const byName = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: 'BLUE OCEAN물류',
        route: 'self',
        startDate: '2026-04-06',
      }),
      409,
    );
    expect(byName.existingId).toBe(byId.id);
  });

  it('lets exactly one of two simultaneous identical requests through, every time', async () => {
    const seeker = await insertSeeker(t.db, centre.id);
    for (let day = 10; day < 16; day++) {
      const body = { seekerId: seeker, employerName: '동시상회', route: 'self', startDate: `2026-03-${day}` };
      const res = await Promise.all([
        staff.post('/api/v1/employments', body),
        staff.post('/api/v1/employments', body),
      ]);
      expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const winner = res.find((r) => r.statusCode === 201)!.json();
      expect(res.find((r) => r.statusCode === 409)!.json().existingId).toBe(winner.id);
    }
    expect(await count(seeker)).toBe(6);
    // The loser left nothing behind: three follow-ups per recorded employment.
    const f = await t.db
      .selectFrom('retention_followups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seeker_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(Number(f.n)).toBe(18);
  });

  it('links a referral set to hired to the hire already entered by hand instead of failing', async () => {
    const seeker = await insertSeeker(t.db, centre.id);
    const employer = expectStatus(
      await staff.post('/api/v1/employers', {
        name: '서초돌봄센터',
        bizRegNo: withBizRegCheckDigit('214811235'),
        regionCode: '11140',
      }),
      201,
    );
    const posting = expectStatus(
      await staff.post('/api/v1/postings', {
        employerId: employer.id,
        title: '요양보호사 모집',
        occupationCode: '5311',
        duties: '어르신 돌봄',
        headcount: 1,
        employmentType: '10',
        wageType: 'M',
        wageMin: 2300000,
        regionCode: '11140',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      }),
      201,
    );
    const referral = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting.id }),
      201,
    );
    const manual = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: '서초 돌봄센터',
        route: 'self',
        startDate: seoulToday(),
      }),
      201,
    );
    expectStatus(await staff.post(`/api/v1/referrals/${referral.id}/status`, { status: 'hired' }), 200);
    const list = expectStatus(await staff.get(`/api/v1/employments?seekerId=${seeker}`), 200);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: manual.id,
      referralId: referral.id,
      route: 'referral',
      postingId: posting.id,
      employerId: employer.id,
    });
  });

  it('normalises employer names in TypeScript exactly as the database index does', async () => {
    const names = [
      '㈜한빛정밀',
      '（주）한빛\u3000정밀',
      'ABC Logistics\tKorea',
      'abc\u00a0logistics korea\u200b',
      '주식회사 한빛정밀',
      'Ｆull-width Ｌetters',
      '  서초 돌봄\n센터 ',
      'Éclair Café',
    ];
    const r = await sql<{ k: string }>`
      SELECT employment_employer_key(n) AS k FROM unnest(${names}::text[]) WITH ORDINALITY AS x(n, i) ORDER BY i`.execute(
      t.db,
    );
    expect(r.rows.map((x) => x.k)).toEqual(names.map(employerNameKey));
    expect(employerNameKey('（주）한빛\u3000정밀')).toBe(employerNameKey('㈜한빛정밀'));
    expect(employerNameKey('주식회사 한빛정밀')).not.toBe(employerNameKey('㈜한빛정밀'));
  });

  it('hides follow-ups of a repeat marked by the migration from the follow-up list', async () => {
    const seeker = await insertSeeker(t.db, centre.id);
    const kept = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: '표시상사',
        route: 'self',
        startDate: '2026-01-05',
      }),
      201,
    );
    const other = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: '표시상사 2호점',
        route: 'self',
        startDate: '2026-01-05',
      }),
      201,
    );
    const mine = async () =>
      expectStatus(await staff.get('/api/v1/followups?due=overdue&pageSize=100'), 200).items.filter(
        (f: { seekerId: string }) => f.seekerId === seeker,
      ).length;
    expect(await mine()).toBe(6);
    // As migration 5002 leaves a repeat that was recorded before repeats were refused.
    await t.db.updateTable('employments').set({ duplicate_of: kept.id }).where('id', '=', other.id).execute();
    expect(await mine()).toBe(3);
    const list = expectStatus(await staff.get(`/api/v1/employments?seekerId=${seeker}`), 200);
    expect(list.items.find((e: { id: string }) => e.id === other.id).duplicateOf).toBe(kept.id);
  });
});
