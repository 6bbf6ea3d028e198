import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../test/support/app.ts';
import { findCode, listCodes } from './codes.ts';
import { crosswalkOf, mapOccupation, occupationKeys, sameOccupation } from './occupations.ts';

const count = (set: 'occupations' | 'occupations-2025', level: number) =>
  listCodes(set).filter((i) => i.level === level).length;

// Real rows of the two editions (KECO 2018 table; KECO 2025 항목표, 고용노동부 고시 제2024-63호).
const rows2025: [string, string][] = [
  ['0', '경영·사무·금융·보험직'],
  ['0111', '의회 의원'],
  ['0113', '기업 대표 및 기업 고위 임원'],
  ['0265', '총무 사무원 및 대학 행정조교'],
  ['0271', '회계 사무원'],
  ['0293', '통계·데이터 관련 사무원'],
  ['1332', '응용 소프트웨어 개발자'],
  ['1342', '정보 보안 전문가'],
  ['135', '데이터 전문가'],
  ['1351', '데이터 시스템 전문가'],
  ['1352', '데이터 분석가'],
  ['1403', '토목공학 기술자'],
  ['1553', '신재생에너지 기술자 및 연구원'],
  ['1555', '환경공학 기술자 및 연구원'],
  ['1557', '산업보건 및 산업환경 관리 기술자'],
  ['2314', '직업 관련 상담사'],
  ['2504', '부사관'],
  ['3078', '안마사'],
  ['4168', '미디어 콘텐츠 창작자'],
  ['5413', '시설 및 특수 경비원'],
  ['5501', '요양보호사'],
  ['5505', '육아 도우미'],
  ['6140', '텔레마케터'],
  ['6151', '소규모 상점 경영 및 일선 관리 종사원'],
  ['6242', '늘찬배달원'],
  ['7016', '건축 목공'],
  ['8352', '일차전지 및 이차전지 제조 기계 조작원'],
  ['9014', '원예작물 재배원'],
];

describe('KECO 2025 beside KECO 2018', () => {
  it('holds 10 / 35 / 139 / 493 groups nesting by prefix, the 2018 table unchanged', () => {
    expect([1, 2, 3, 4].map((l) => count('occupations-2025', l))).toEqual([10, 35, 139, 493]);
    // The portal lists no 233 (성직자 및 기타 종교 종사자) in KECO 2025; 2018 keeps its 233.
    expect(findCode('occupations-2025', '2331')).toBeNull();
    expect(findCode('occupations', '2331')?.name).toBe('성직자');
    expect([1, 2, 3, 4].map((l) => count('occupations', l))).toEqual([10, 35, 136, 450]);
    for (const i of listCodes('occupations-2025')) {
      expect(i.level).toBe(i.code.length);
      if (i.parent) expect(i.code.startsWith(i.parent)).toBe(true);
    }
    for (const [code, name] of rows2025) expect(findCode('occupations-2025', code)?.name, code).toBe(name);
  });

  it('the same code means different work in the two editions', () => {
    // The bug of issue 14: 1555, 6140 and 1352 read as 2018 are other occupations.
    expect(findCode('occupations', '1555')?.name).toBe('보건위생·환경 검사원');
    expect(findCode('occupations', '6140')?.name).toBe('소규모 상점 경영 및 일선 관리 종사원');
    expect(findCode('occupations', '1352')).toBeNull();
  });

  it('links 2018 and 2025 both ways where the 세분류 title is the same, and says on which basis', () => {
    expect(crosswalkOf('1553', '2018')).toEqual([
      { code: '1555', name: '환경공학 기술자 및 연구원', edition: '2025', basis: 'same-title' },
    ]);
    expect(crosswalkOf('1555', '2025')).toEqual([
      { code: '1553', name: '환경공학 기술자 및 연구원', edition: '2018', basis: 'same-title' },
    ]);
    expect(crosswalkOf('6130', '2018').map((l) => l.code)).toEqual(['6140']);
    expect(crosswalkOf('6140', '2025').map((l) => l.code)).toEqual(['6130']);
    expect(crosswalkOf('6140', '2018').map((l) => l.code)).toEqual(['6151']);
    // A code new in 2025 has no verified link yet (the official 연계표 is not loaded).
    expect(crosswalkOf('1352', '2025')).toEqual([]);
    expect(mapOccupation('1553', '2018')).toMatchObject({ code: '1555', alternatives: [] });
    expect(mapOccupation('1352', '2025')).toBeNull();
    // A group code links through its 세분류.
    expect(crosswalkOf('155', '2018').map((l) => l.code)).toContain('1555');
  });

  it('matching keys: a 2018 code and its 2025 successor are one occupation, 1555 of 2018 is not 1555 of 2025', () => {
    expect(occupationKeys('1553', '2018')).toEqual(['2025:1555']);
    expect(sameOccupation({ code: '1553', edition: '2018' }, { code: '1555', edition: '2025' })).toBe(true);
    expect(sameOccupation({ code: '1555', edition: '2018' }, { code: '1555', edition: '2025' })).toBe(false);
    expect(sameOccupation({ code: '6130' }, { code: '6140', edition: '2025' })).toBe(true);
    // 2018's 직업상담사 has no same-title 2025 group (2025: 2314 직업 관련 상담사): it stays its own key.
    expect(occupationKeys('2314', '2018')).toEqual(['2018:2314']);
    expect(sameOccupation({ code: '2314' }, { code: '2314', edition: '2025' })).toBe(false);
  });
});

const t = await testApp();

describe('GET /codes/occupations', () => {
  const get = async (url: string) => expectStatus(await t.app.inject({ method: 'GET', url }), 200);

  it('lists one edition: 2018 when no version is given, 2025 on request', async () => {
    const old = await get('/api/v1/codes/occupations?level=4');
    expect(old).toMatchObject({ version: '2018', total: 450 });
    const now = await get('/api/v1/codes/occupations?version=2025&level=4');
    expect(now).toMatchObject({ version: '2025', total: 493 });
    const kids = await get('/api/v1/codes/occupations?version=2025&parent=135');
    expect(kids.items.map((i: { code: string }) => i.code)).toEqual(['1351', '1352']);
  });

  it('one code carries its crosswalk to the other edition', async () => {
    const res = await get('/api/v1/codes/occupations/1555?version=2025');
    expect(res).toMatchObject({
      code: '1555',
      name: '환경공학 기술자 및 연구원',
      version: '2025',
      crosswalk: [{ code: '1553', name: '환경공학 기술자 및 연구원', version: '2018', basis: 'same-title' }],
    });
    const old = await get('/api/v1/codes/occupations/1555');
    expect(old).toMatchObject({ name: '보건위생·환경 검사원', version: '2018' });
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/codes/occupations/1352?version=2018' });
    expect(none.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/codes/occupations?version=2007' });
    expect(bad.statusCode).toBe(400);
  });
});
