import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../test/support/app.ts';
import { buildSeeker } from '../features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../platform/domain/validate.ts';
import { findCode, normalizeLegacyRegionCode, regionNameToCode } from './codes.ts';
import { currentRegionCodes, regionCodeProblem, regionStatus, regionsAt } from './regions.ts';

const codesOf = (date: string, filter = {}) => regionsAt(date, filter).map((r) => r.code);

describe('dated regions (2026 changes)', () => {
  it('화성시 has four 일반구 from 2026-02-01, and stays a 시 itself', () => {
    expect(codesOf('2026-01-31', { parent: '41590' })).toEqual([]);
    expect(codesOf('2026-02-01', { parent: '41590' })).toEqual(['41591', '41593', '41595', '41597']);
    expect(findCode('regions', '41597')).toMatchObject({ name: '화성시 동탄구', level: 3, parent: '41590' });
    expect(regionStatus('41590', '2026-12-01').status).toBe('valid');
  });

  it('인천 on 2026-07-01: 중구·동구 → 제물포구, 영종구; 서구 → 서해구, 검단구', () => {
    const before = codesOf('2026-06-30', { parent: '28' });
    const after = codesOf('2026-07-01', { parent: '28' });
    expect(before).toEqual(expect.arrayContaining(['28110', '28140', '28260']));
    expect(before).not.toContain('28290');
    expect(after).toEqual([
      '28125',
      '28155',
      '28177',
      '28185',
      '28200',
      '28237',
      '28245',
      '28275',
      '28290',
      '28710',
      '28720',
    ]);
    expect(currentRegionCodes('28260', '2026-07-01').sort()).toEqual(['28275', '28290']);
    expect(currentRegionCodes('28110', '2026-07-01').sort()).toEqual(['28125', '28155']);
    expect(currentRegionCodes('28140', '2026-07-01')).toEqual(['28125']);
    // Before the change an old code is its own current code.
    expect(currentRegionCodes('28260', '2026-06-30')).toEqual(['28260']);
  });

  it('광주 + 전남 → 전남광주통합특별시 12 on 2026-07-01, every 시군구 re-coded one to one', () => {
    const sido = (d: string) => codesOf(d, { level: 1 });
    expect(sido('2026-06-30')).toEqual(expect.arrayContaining(['29', '46']));
    expect(sido('2026-06-30')).not.toContain('12');
    expect(sido('2026-07-01')).toHaveLength(16);
    expect(sido('2026-07-01')).toContain('12');
    expect(sido('2026-07-01')).not.toContain('29');
    expect(codesOf('2026-07-01', { parent: '12' })).toHaveLength(27);
    expect(currentRegionCodes('29200', '2026-07-01')).toEqual(['12330']);
    expect(currentRegionCodes('46110', '2026-07-01')).toEqual(['12110']);
    expect(currentRegionCodes('46230', '2026-07-01')).toEqual(['12190']);
    expect(findCode('regions', '12190')?.name).toBe('광양시');
    expect(currentRegionCodes('29', '2026-07-01')).toEqual(['12']);
    // Counts of the whole set: 230 시군구 and 39 일반구 after the changes.
    expect(regionsAt('2026-07-01').filter((r) => r.level === 2)).toHaveLength(230);
    expect(regionsAt('2026-07-01').filter((r) => r.level === 3)).toHaveLength(39);
  });

  it('refuses abolished and not-yet codes for a date, naming the successors; keeps a held code', () => {
    expect(regionCodeProblem('regionCode', '28290', '2026-07-01')).toBeNull();
    expect(regionCodeProblem('regionCode', '28260', '2026-06-30')).toBeNull();
    expect(regionCodeProblem('regionCode', '28260', '2026-07-01')).toEqual({
      field: 'regionCode',
      key: 'field.regionAbolished',
      params: { code: '28260', validTo: '2026-06-30', successors: '28275 서해구, 28290 검단구' },
    });
    expect(regionCodeProblem('regionCode', '28290', '2026-06-30')?.key).toBe('field.regionNotYet');
    expect(regionCodeProblem('regionCode', '28260', '2026-07-01', ['28260'])).toBeNull();
    expect(regionCodeProblem('regionCode', '99999', '2026-07-01')?.key).toBe('field.code');
  });

  it('names: old names give the one successor; a split code is not guessed', () => {
    expect(regionNameToCode('전라남도 목포시')).toBe('12110');
    expect(regionNameToCode('목포시')).toBe('12110');
    expect(regionNameToCode('전남광주통합특별시 광산구')).toBe('12330');
    expect(regionNameToCode('인천 검단구')).toBe('28290');
    expect(regionNameToCode('인천광역시 서해구')).toBe('28275');
    expect(regionNameToCode('경기 화성시 동탄구')).toBe('41597');
    expect(regionNameToCode('인천 서구')).toBe('28260');
    expect(normalizeLegacyRegionCode('28260')).toBe('28260');
  });
});

const t = await testApp();

describe('regions API and registration', () => {
  const get = async (url: string) => t.app.inject({ method: 'GET', url });

  it('GET /codes/regions?at= gives the set of a day; an abolished code resolves with successors', async () => {
    const old = expectStatus(await get('/api/v1/codes/regions?at=2026-06-30&parent=28'), 200);
    expect(old.at).toBe('2026-06-30');
    expect(old.items.map((r: { code: string }) => r.code)).toContain('28260');
    const now = expectStatus(await get('/api/v1/codes/regions?at=2026-07-01&parent=28'), 200);
    expect(now.items.map((r: { code: string }) => r.code)).not.toContain('28260');
    expect(now.items.find((r: { code: string }) => r.code === '28290')).toEqual({
      code: '28290',
      name: '검단구',
      nameEn: 'Geomdan-gu',
      level: 2,
      parent: '28',
      validFrom: '2026-07-01',
      validTo: null,
      successors: [],
    });
    const today = expectStatus(await get('/api/v1/codes/regions'), 200);
    expect(today.items.map((r: { code: string }) => r.code)).toEqual(regionsAt(today.at).map((r) => r.code));
    const seogu = expectStatus(await get('/api/v1/codes/regions/28260'), 200);
    expect(seogu).toMatchObject({ name: '서구', validTo: '2026-06-30', successors: ['28275', '28290'] });
    expectStatus(await get('/api/v1/codes/regions/28999'), 404);
    expectStatus(await get('/api/v1/codes/regions?at=2026-02-30'), 400);
  });

  it('registers a seeker in 검단구, refuses 인천 서구 for a new record, accepts it back-dated', async () => {
    const centre = await t.centre('인천서해구일자리센터', null, '28275');
    const c = await t.user('counsellor', centre.id);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const ok = expectStatus(
      await c.post(
        '/api/v1/seekers',
        buildSeeker({ regionCode: '28290', desired: { ...buildSeeker().desired, regions: ['28290'] } }),
      ),
      201,
    );
    expect(ok.regionCode).toBe('28290');
    if (today < '2026-07-01') return; // the refusal below holds from the day of the change
    const bad = expectStatus(await c.post('/api/v1/seekers', buildSeeker({ regionCode: '28260' })), 400);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0].field).toBe('regionCode');
    expect(bad.errors[0].message).toContain('28275 서해구, 28290 검단구');
    const en = await c.post('/api/v1/seekers', buildSeeker({ regionCode: '28260' }), {
      'accept-language': 'en',
    });
    expect(en.json().errors[0].message).toContain('abolished');
    const back = expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ regionCode: '28260', registeredAt: '2026-05-04' })),
      201,
    );
    // The record keeps its code: an edit that leaves the region alone goes through.
    expectStatus(await c.patch(`/api/v1/seekers/${back.id}`, { keywords: ['지게차'] }), 200);
    const moved = expectStatus(await c.patch(`/api/v1/seekers/${back.id}`, { regionCode: '28110' }), 400);
    expect(moved.errors[0]).toMatchObject({ field: 'regionCode' });
    expect(moved.errors[0].message).toContain('28125 제물포구, 28155 영종구');
  });

  it('employers and postings refuse an abolished region with its successors', async () => {
    const centre = await t.centre('광주광산구일자리센터', null, '12330');
    const c = await t.user('counsellor', centre.id);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    if (today < '2026-07-01') return;
    const bizRegNo = withBizRegCheckDigit('123450000');
    const bad = expectStatus(
      await c.post('/api/v1/employers', { name: '빛고을정밀', bizRegNo, regionCode: '29200' }),
      400,
    );
    expect(bad.errors[0]).toMatchObject({ field: 'regionCode' });
    expect(bad.errors[0].message).toContain('12330 광산구');
    const e = expectStatus(
      await c.post('/api/v1/employers', { name: '빛고을정밀', bizRegNo, regionCode: '12330' }),
      201,
    );
    const posting = {
      employerId: e.id,
      title: '용접원 모집',
      occupationCode: '8241',
      duties: '배관 용접',
      headcount: 1,
      employmentType: '10',
      wageType: 'M',
      wageMin: 2_600_000,
      regionCode: '29200',
      educationMin: '00',
      career: { type: 'Z' },
      closesAt: '2099-12-31',
    };
    const p = expectStatus(await c.post('/api/v1/postings', posting), 400);
    expect(p.errors.map((x: { field: string }) => x.field)).toEqual(['regionCode']);
    expectStatus(await c.post('/api/v1/postings', { ...posting, regionCode: '12330' }), 201);
  });
});
