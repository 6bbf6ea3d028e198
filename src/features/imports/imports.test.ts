import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { detectEncoding, unflatten } from '../../platform/imports/csv.ts';
import { verifyChain } from '../accounts/audit.service.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';
import { runImport } from './imports.service.ts';

const t = await testApp();
const { db } = t;
const centre = await t.centre('서울강남일자리센터');
const other = await t.centre('부산일자리센터', null, '26110');
const counsellor = await t.user('counsellor', centre.id);
const csvHeaders = { 'content-type': 'text/csv; charset=utf-8' };

const count = async (table: 'counselling' | 'employments', seekerId: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('seeker_id', '=', seekerId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('CSV helpers', () => {
  it('unflattens dotted columns, lists and typed cells into the API shape', () => {
    const row = unflatten(
      {
        name: '홍길동',
        'desired.wageMin': '2,500,000',
        'desired.occupations': '0211; 1320;',
        'careers.0.company': '일터상사',
        'careers.0.months': '24',
        'consent.shareWithNetwork': '예',
        email: '',
      },
      {
        'desired.wageMin': 'integer',
        'careers.0.months': 'integer',
        'consent.shareWithNetwork': 'boolean',
        'desired.occupations': 'list',
      },
    );
    expect(row).toEqual({
      name: '홍길동',
      desired: { wageMin: 2500000, occupations: ['0211', '1320'] },
      careers: [{ company: '일터상사', months: 24 }],
      consent: { shareWithNetwork: true },
    });
    // A number that does not parse stays text, so validation can name the field.
    expect(unflatten({ wage: '이백만' }, { wage: 'integer' })).toEqual({ wage: '이백만' });
  });

  it('tells UTF-8 from CP949', () => {
    expect(detectEncoding(Buffer.from('이름,메모\n홍길동,상담', 'utf8'), true)).toBe('utf-8');
    expect(detectEncoding(iconv.encode('이름,메모\n홍길동,상담', 'cp949'), true)).toBe('cp949');
  });
});

describe('POST /api/v1/imports/counselling', () => {
  it('applies a file whole or not at all, naming rows and fields of the rejected rows', async () => {
    const seeker = await insertSeeker(db, centre.id);
    const csv = [
      'seekerId,at,channel,type,notes,nextContactAt',
      `${seeker},2026-03-02T10:00:00+09:00,visit,intake,초기상담 진행,2026-03-09 10:00`,
      `${seeker},2026-13-02,telepathy,intake,,`,
      `${seeker},2026-03-05 14:00,phone,follow_up,이력서 보완 안내,`,
    ].join('\n');
    const res = await counsellor.post('/api/v1/imports/counselling', csv, csvHeaders);
    const body = expectStatus(res, 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(body.imported).toBe(0);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].row).toBe(2);
    const fields = body.rejected[0].errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['at', 'channel', 'notes']);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('rows[2].channel');
    expect(await count('counselling', seeker)).toBe(0);
    const hist = await db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(hist).toMatchObject({ status: 'rejected', rows: 3, imported: 0, rejected: 1 });

    const partial = expectStatus(
      await counsellor.post('/api/v1/imports/counselling?partial=true', csv, csvHeaders),
      200,
    );
    expect(partial.imported).toBe(2);
    expect(partial.rejected.map((r: { row: number }) => r.row)).toEqual([2]);
    expect(await count('counselling', seeker)).toBe(2);
    // Every created record is logged in the access log with the importing account.
    const logs = await db
      .selectFrom('access_log')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', seeker)
      .where('subject_type', '=', 'counselling')
      .execute();
    expect(logs).toHaveLength(2);
    expect(logs.every((l) => l.action === 'create' && l.actor_id === counsellor.user.id)).toBe(true);
  });

  it('reads CP949 (Excel) files and finds seekers by their external id in the own centre only', async () => {
    const mine = await insertSeeker(db, centre.id, { externalId: 'W-2026-001' });
    const theirs = await insertSeeker(db, other.id, { externalId: 'W-2026-002' });
    const csv = [
      'seekerExternalId,at,channel,type,title,notes',
      'W-2026-001,2026-03-03 09:30,visit,guidance,진로상담,"용접 자격증 취득 계획, 훈련기관 안내"',
      'W-2026-002,2026-03-03 10:30,phone,guidance,타센터,부산 센터 구직자',
    ].join('\r\n');
    const bytes = iconv.encode(csv, 'cp949');
    // The inject helper sends strings as UTF-8; send the raw bytes instead.
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/counselling?partial=true',
      cookies: { ilteo_session: counsellor.cookie },
      headers: { 'x-csrf-token': counsellor.csrf, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: bytes,
    });
    const body = expectStatus(raw, 200);
    expect(body.encoding).toBe('cp949');
    expect(body.imported).toBe(1);
    expect(body.rejected).toEqual([
      { row: 2, errors: [{ field: 'seekerExternalId', message: 'No such seeker.' }] },
    ]);
    const rows = await db
      .selectFrom('counselling')
      .select(['notes', 'title'])
      .where('seeker_id', '=', mine)
      .execute();
    expect(rows).toEqual([{ notes: '용접 자격증 취득 계획, 훈련기관 안내', title: '진로상담' }]);
    expect(await count('counselling', theirs)).toBe(0);
  });

  it('refuses unknown columns, broken CSV and unregistered kinds as problems', async () => {
    const bad = await counsellor.post('/api/v1/imports/counselling', 'seekerId,at,centreId\n', csvHeaders);
    expect(expectStatus(bad, 400).errors).toEqual([{ field: 'centreId', message: '알 수 없는 열입니다.' }]);
    const syntax = await counsellor.post(
      '/api/v1/imports/counselling',
      'seekerId,at,channel,type,notes\n"x,2026-03-01,visit,intake,메모\n',
      csvHeaders,
    );
    expect(expectStatus(syntax, 400).errors[0].field).toBe('file');
    expect((await counsellor.post('/api/v1/imports/payroll', 'a\n', csvHeaders)).statusCode).toBe(400);
    await expect(
      runImport({ db, dataKey: t.dataKey, actor: null, kind: 'payroll', source: ['a\n'] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const seekerRole = await t.user('seeker', centre.id);
    expect((await seekerRole.post('/api/v1/imports/counselling', 'a\n', csvHeaders)).statusCode).toBe(403);
  });
});

describe('POST /api/v1/imports/employments', () => {
  it('records employments and marks the seekers employed', async () => {
    const seeker = await insertSeeker(db, centre.id, { externalId: 'E-77' });
    const csv = [
      'seekerExternalId,employerName,startDate,route,employmentType,wageType,wage',
      'E-77,(주)한빛정밀,2026-04-01,self,10,M,"2,600,000"',
    ].join('\n');
    const body = expectStatus(await counsellor.post('/api/v1/imports/employments', csv, csvHeaders), 200);
    expect(body.imported).toBe(1);
    const e = await db
      .selectFrom('employments')
      .selectAll()
      .where('seeker_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ employer_name: '(주)한빛정밀', wage: 2600000, wage_type: 'M', route: 'self' });
    const s = await db
      .selectFrom('seekers')
      .select('status')
      .where('id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(s.status).toBe('employed');

    const wrong = ['seekerExternalId,startDate,route,employmentType,wage', 'E-77,2026-02-30,bus,99,100'].join(
      '\n',
    );
    const r = expectStatus(
      await counsellor.post('/api/v1/imports/employments', wrong, { ...csvHeaders, 'accept-language': 'en' }),
      400,
    );
    expect(r.rejected[0].errors.map((x: { field: string }) => x.field).sort()).toEqual(
      ['employerName', 'employmentType', 'route', 'startDate', 'wageType'].sort(),
    );
    expect(await count('employments', seeker)).toBe(1);
  });
});

describe('GET /api/v1/imports', () => {
  it('lists the runs of the own centre, newest first', async () => {
    const list = expectStatus(await counsellor.get('/api/v1/imports'), 200);
    expect(list.total).toBeGreaterThanOrEqual(5);
    expect(list.pageSize).toBe(20);
    expect(list.items[0].status).toBeDefined();
    // Bulk imports log thousands of rows per transaction; the hash chain must still verify.
    expect(await verifyChain(db)).toMatchObject({ ok: true, brokenAt: null });
    const stranger = await t.user('counsellor', other.id);
    expect(expectStatus(await stranger.get('/api/v1/imports'), 200).total).toBe(0);
  });
});
