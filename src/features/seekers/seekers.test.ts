import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from './seekers.factory.ts';

const t = await testApp();
const { db } = t;

const logRows = (subjectId: string) =>
  db.selectFrom('access_log').select(['action', 'reason']).where('subject_id', '=', subjectId).execute();

describe('registration', () => {
  it('registers a seeker at the actor centre with a per-centre registration number and logs it once', async () => {
    const a = await t.centre();
    const other = await t.centre();
    const c = await t.user('counsellor', a.id);
    const body = buildSeeker({ centreId: other.id, registeredAt: '2025-03-02' });
    const s = expectStatus(await c.post('/api/v1/seekers', body), 201);
    expect(s.centreId).toBe(a.id);
    expect(s.registrationNo).toBe('2025-000001');
    expect(s.status).toBe('active');
    expect(s.care).toBe('general');
    expect(s.phone).toBe(body.phone);
    expect(s.desired.wageMonthly).toBe(2_600_000);
    expect(s.careerMonths).toBe(36);
    expect(s.consent).toEqual({ shareWithNetwork: false, sensitive: false });
    expect(s.warnings).toEqual([]);
    const s2 = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ registeredAt: '2025-06-01' })),
      201,
    );
    expect(s2.registrationNo).toBe('2025-000002');
    expect(await logRows(s.id)).toEqual([{ action: 'create', reason: null }]);
    expectStatus(await c.get(`/api/v1/seekers/${s.id}`), 200);
    expect((await logRows(s.id)).map((r) => r.action).sort()).toEqual(['create', 'view']);
  });

  it('defaults the registration date to today in Seoul and converts an hourly wage to a month', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const s = expectStatus(
      await c.post(
        '/api/v1/seekers',
        buildSeeker({ desired: { occupations: ['5501'], wageType: 'H', wageMin: 10_030 } }),
      ),
      201,
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    expect(s.registeredAt).toBe(today);
    expect(s.desired.wageMonthly).toBe(Math.round(10_030 * 209));
  });

  it('reads desired occupations in desired.occupationEdition (issue 14), "2018" when absent', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const now = expectStatus(
      await c.post(
        '/api/v1/seekers',
        buildSeeker({ regionCode: '28290', desired: { occupations: ['1352'], occupationEdition: '2025' } }),
      ),
      201,
    );
    expect(now.desired).toMatchObject({ occupations: ['1352'], occupationEdition: '2025' });
    expect(now.regionCode).toBe('28290');
    // 데이터 분석가 (1352) is new in KECO 2025: without the edition it is an unknown 2018 code.
    const old = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ desired: { occupations: ['1352'] } })),
      400,
    );
    expect(old.errors.map((e: { field: string }) => e.field)).toEqual(['desired.occupations[0]']);
    const kept = expectStatus(await c.get(`/api/v1/seekers/${now.id}`), 200);
    expect(kept.desired.occupationEdition).toBe('2025');
  });

  it('stores phone, e-mail and address encrypted', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const body = buildSeeker({ phone: '01098765432' });
    const s = expectStatus(await c.post('/api/v1/seekers', body), 201);
    expect(s.phone).toBe('010-9876-5432');
    const raw = await db.selectFrom('seekers').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain('9876');
    expect(rawText).not.toContain('세종대로');
    expect(rawText).not.toContain('minjun.kim');
    expect(raw.phone_enc.startsWith('v1:')).toBe(true);
  });

  it('names every wrong field in Korean and in English, and saves nothing', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const before = await db
      .selectFrom('seekers')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = buildSeeker({
      birthDate: '1990-02-30',
      phone: '+1 415 555 0100',
      regionCode: '99999',
      educationLevel: '09',
      email: 'not-an-email',
      targetGroups: ['youth', 'martians'],
      desired: { occupations: ['9999'], employmentTypes: ['77'], wageType: 'M', wageMin: -1 },
    });
    const res = await c.post('/api/v1/seekers', bad);
    const p = expectStatus(res, 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = p.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(
      [
        'birthDate',
        'phone',
        'regionCode',
        'educationLevel',
        'email',
        'targetGroups[1]',
        'desired.occupations[0]',
        'desired.employmentTypes[0]',
        'desired.wageMin',
      ].sort(),
    );
    expect(p.errors.find((e: { field: string }) => e.field === 'birthDate').message).toBe(
      '존재하지 않는 날짜입니다.',
    );
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/seekers',
      cookies: { ilteo_session: c.cookie },
      headers: { 'x-csrf-token': c.csrf, 'accept-language': 'en' },
      payload: bad,
    });
    const pe = expectStatus(en, 400);
    expect(pe.errors.find((e: { field: string }) => e.field === 'phone').message).toBe(
      'Not a Korean phone number.',
    );
    const after = await db
      .selectFrom('seekers')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(
      await db.selectFrom('registration_counters').selectAll().where('centre_id', '=', a.id).execute(),
    ).toEqual([]);
  });

  it('refuses future and absurd birth dates, and unknown fields', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const future = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ birthDate: '2099-01-01' })),
      400,
    );
    expect(future.errors[0].field).toBe('birthDate');
    const old = expectStatus(await c.post('/api/v1/seekers', buildSeeker({ birthDate: '1890-01-01' })), 400);
    expect(old.errors[0].field).toBe('birthDate');
    const extra = expectStatus(await c.post('/api/v1/seekers', { ...buildSeeker(), role: 'admin' }), 400);
    expect(extra.errors[0].field).toBe('role');
  });

  it('masks a resident registration number in free text and warns', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const s = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ keywords: ['용접', '주민번호 880417-1234567'] })),
      201,
    );
    expect(s.keywords[1]).toBe('주민번호 880417-1******');
    expect(s.warnings).toEqual([{ field: 'keywords[1]', message: expect.stringContaining('주민등록번호') }]);
    const raw = await db
      .selectFrom('seekers')
      .select('keywords')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(raw.keywords.join(' ')).not.toContain('1234567');
  });
});

describe('duplicates', () => {
  it('answers 409 with the existing record, also from the parent centre, and under concurrency', async () => {
    const parent = await t.centre();
    const child = await t.centre('하위센터', parent.id);
    const c = await t.user('counsellor', child.id);
    const m = await t.user('manager', parent.id);
    const body = buildSeeker({ name: '이서연', phone: '010-3141-5926' });
    const s = expectStatus(await c.post('/api/v1/seekers', body), 201);
    const again = expectStatus(await c.post('/api/v1/seekers', { ...body, phone: '01031415926' }), 409);
    expect(again.existingId).toBe(s.id);
    expect(again.existingRegistrationNo).toBe(s.registrationNo);
    expect(expectStatus(await m.post('/api/v1/seekers', body), 409).existingId).toBe(s.id);

    const body2 = buildSeeker({ name: '박지호', phone: '010-2718-2818' });
    const results = await Promise.all([1, 2, 3, 4].map(() => c.post('/api/v1/seekers', body2)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const rows = await db.selectFrom('seekers').select('id').where('name', '=', '박지호').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a second seeker with the same external id in a centre', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    expectStatus(await c.post('/api/v1/seekers', buildSeeker({ externalId: 'WK-001' })), 201);
    const p = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ name: '최유진', externalId: 'WK-001' })),
      409,
    );
    expect(p.errors[0].field).toBe('externalId');
  });
});

describe('search and lists', () => {
  it('finds a seeker by a two-syllable keyword and by name, paginated', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const welder = expectStatus(await c.post('/api/v1/seekers', buildSeeker({ name: '정하늘' })), 201);
    const carer = expectStatus(
      await c.post(
        '/api/v1/seekers',
        buildSeeker({
          name: '한소망',
          keywords: ['요양', '간병'],
          certificates: ['요양보호사 1급'],
          careers: [{ company: '푸른요양원', occupation: '5501', months: 24 }],
          desired: { occupations: ['5501'] },
        }),
      ),
      201,
    );
    const byKeyword = expectStatus(await c.get(`/api/v1/seekers?q=${encodeURIComponent('용접')}`), 200);
    expect(byKeyword.items.map((s: { id: string }) => s.id)).toEqual([welder.id]);
    const byName = expectStatus(await c.get(`/api/v1/seekers?q=${encodeURIComponent('한소망')}`), 200);
    expect(byName.items.map((s: { id: string }) => s.id)).toEqual([carer.id]);
    const byOcc = expectStatus(await c.get('/api/v1/seekers?occupation=55'), 200);
    expect(byOcc.items.map((s: { id: string }) => s.id)).toEqual([carer.id]);
    const page = expectStatus(await c.get('/api/v1/seekers?pageSize=1&page=2'), 200);
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(expectStatus(await c.get('/api/v1/seekers'), 200).pageSize).toBe(20);
    expectStatus(await c.get('/api/v1/seekers?pageSize=101'), 400);
  });

  it('changes a profile, re-checks it and logs one update', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const s = expectStatus(await c.post('/api/v1/seekers', buildSeeker()), 201);
    const bad = expectStatus(
      await c.patch(`/api/v1/seekers/${s.id}`, { phone: '12345', regionCode: '00000' }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['phone', 'regionCode']);
    const ok = expectStatus(
      await c.patch(`/api/v1/seekers/${s.id}`, {
        keywords: ['경리', '회계'],
        desired: { wageType: 'Y', wageMin: 36_000_000 },
      }),
      200,
    );
    expect(ok.desired.wageMonthly).toBe(3_000_000);
    expect(ok.desired.occupations).toEqual(['8241']);
    const found = expectStatus(await c.get(`/api/v1/seekers?q=${encodeURIComponent('경리')}`), 200);
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const actions = (await logRows(s.id)).map((r) => r.action);
    expect(actions.filter((x) => x === 'update')).toHaveLength(1);
  });
});
