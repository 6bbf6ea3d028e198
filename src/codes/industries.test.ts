import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { listCodes } from './codes.ts';
import { ksic11Of, ksicCrosswalk, ksicLinksOf } from './industries.ts';

const t = await testApp();

// Rows of the official 제11차-제10차 연계표 (통계청, 2024-06-26), cut to divisions and classes.
describe('KSIC-10 ↔ KSIC-11 crosswalk', () => {
  it('links every KSIC-11 division of the code set, and every division both ways', () => {
    const divisions = listCodes('industries').filter((c) => c.level === 2);
    expect(divisions).toHaveLength(77);
    const rows = ksicCrosswalk().filter((l) => l.level === 2);
    expect(new Set(rows.map((l) => l.code11))).toEqual(new Set(divisions.map((d) => d.code)));
    expect(new Set(rows.map((l) => l.code10)).size).toBe(77);
    expect(
      new Set(
        ksicCrosswalk()
          .filter((l) => l.level === 4)
          .map((l) => l.code10),
      ).size,
    ).toBe(495);
    expect(
      new Set(
        ksicCrosswalk()
          .filter((l) => l.level === 4)
          .map((l) => l.code11),
      ).size,
    ).toBe(501);
  });

  it('says where KSIC-10 divisions went: 65 보험 및 연금업 split into 65 보험업 and 84 (연금업, 건강보험업)', () => {
    expect(ksicLinksOf('65', '10')).toEqual([
      { code: '65', name: '보험업', version: '11', relation: 'split' },
      { code: '84', name: '공공 행정, 국방 및 사회보장 행정', version: '11', relation: 'split-merged' },
    ]);
    expect(ksic11Of('63').sort()).toEqual(['60', '63']);
    expect(ksicLinksOf('60', '11').map((l) => `${l.code} ${l.name}`)).toEqual([
      '60 방송업',
      '63 정보서비스업',
    ]);
    expect(ksicLinksOf('47', '10')).toEqual([
      { code: '47', name: '소매업; 자동차 제외', version: '11', relation: 'same' },
    ]);
  });

  it('follows re-coded classes (1040 동물성 및 식물성 유지 제조업 → 1041)', () => {
    expect(ksicLinksOf('1040', '10')).toEqual([
      { code: '1041', name: '동물성 및 식물성 유지 제조업', version: '11', relation: 'recoded' },
    ]);
    expect(ksicLinksOf('1710', '11').map((l) => l.code)).toEqual(['1711', '1712']);
  });

  it('answers GET /codes/industries/{code} with the links, and 404 for an unknown code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/codes/industries/63?version=10' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '63',
      name: '정보서비스업',
      version: '10',
      crosswalk: [
        { code: '60', version: '11', relation: 'split-merged' },
        { code: '63', version: '11', relation: 'split' },
      ],
    });
    const now = await t.app.inject({ method: 'GET', url: '/api/v1/codes/industries/60' });
    expect(now.json()).toMatchObject({
      code: '60',
      name: '방송 및 영상·오디오물 제공 서비스업',
      version: '11',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/codes/industries/04' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/codes/industries/123' })).statusCode).toBe(400);
  });
});
