import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ancestors,
  CODE_SET_NAMES,
  type CodeItem,
  childrenOf,
  codeSetSource,
  descendants,
  descendantsPrefixMatch,
  findCode,
  isValidCode,
  listCodes,
  normalizeLegacyRegionCode,
  regionNameToCode,
  reloadCodes,
  validateItems,
} from './codes.ts';
import { CodeImportError, importOfficialCodes, parseOfficialCodes, saveOverride } from './import-official.ts';
import { regionsAt } from './regions.ts';

const count = (items: readonly CodeItem[], level: number) => items.filter((i) => i.level === level).length;

// The tests must see the shipped tables, whatever data directory the developer has.
let tmp: string;
const savedDataDir = process.env.ILTEO_DATA_DIR;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-codes-'));
  process.env.ILTEO_DATA_DIR = tmp;
  reloadCodes();
});
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ILTEO_DATA_DIR;
  else process.env.ILTEO_DATA_DIR = savedDataDir;
  fs.rmSync(tmp, { recursive: true, force: true });
  reloadCodes();
});

describe('shipped tables', () => {
  it('every set loads from the built-in table and keeps its invariants', () => {
    for (const set of CODE_SET_NAMES) {
      const items = listCodes(set);
      expect(items.length, set).toBeGreaterThan(0);
      expect(validateItems(items), set).toEqual([]);
      expect(codeSetSource(set).source).toBe('builtin');
      for (const item of items) {
        expect(item.name, `${set} ${item.code}`).not.toBe('');
        // KECO 2025 has no English titles of ours yet (README): an empty one is shown as the Korean.
        if (set !== 'occupations-2025') expect(item.nameEn, `${set} ${item.code}`).not.toBe('');
        if (item.parent !== null) expect(isValidCode(set, item.parent)).toBe(true);
      }
    }
  });

  it('KECO 2018 has 10 / 35 / 136 / 450 groups and nests by prefix', () => {
    const items = listCodes('occupations');
    expect([1, 2, 3, 4].map((l) => count(items, l))).toEqual([10, 35, 136, 450]);
    for (const i of items) {
      expect(i.level).toBe(i.code.length);
      expect(i.parent).toBe(i.level === 1 ? null : i.code.slice(0, -1));
    }
    expect(findCode('occupations', '0')?.name).toBe('경영·사무·금융·보험직');
    expect(findCode('occupations', '01')?.name).toBe('관리직(임원·부서장)');
    expect(findCode('occupations', '55')?.name).toBe('돌봄 서비스직(간병·육아)');
    expect(findCode('occupations', '133')?.name).toBe('소프트웨어 개발자');
    expect(findCode('occupations', '1332')).toMatchObject({ name: '응용 소프트웨어 개발자', parent: '133' });
    expect(findCode('occupations', '2314')?.name).toBe('직업상담사');
    expect(findCode('occupations', '5501')?.name).toBe('요양 보호사 및 간병인');
    expect(findCode('occupations', '9050')?.parent).toBe('905');
  });

  it('regions: 17 시도, current 강원 51 / 전북 52 / 군위 27720 codes, 일반구 under their city', () => {
    // The set in force before the 2026 changes (regions.test.ts covers those).
    const items = regionsAt('2025-12-01');
    expect(count(items, 1)).toBe(17);
    expect(count(items, 2)).toBe(229);
    expect(regionsAt('2025-12-01', { parent: null }).map((i) => i.code)).toEqual([
      '11',
      '26',
      '27',
      '28',
      '29',
      '30',
      '31',
      '36',
      '41',
      '43',
      '44',
      '46',
      '47',
      '48',
      '50',
      '51',
      '52',
    ]);
    expect(findCode('regions', '11140')).toMatchObject({ name: '중구', parent: '11', level: 2 });
    expect(findCode('regions', '28260')).toMatchObject({ name: '서구', parent: '28' });
    expect(findCode('regions', '41210')?.name).toBe('광명시');
    expect(findCode('regions', '51110')).toMatchObject({ name: '춘천시', parent: '51' });
    expect(findCode('regions', '52111')).toMatchObject({ name: '전주시 완산구', parent: '52110', level: 3 });
    expect(findCode('regions', '41111')?.parent).toBe('41110');
    expect(findCode('regions', '27720')?.name).toBe('군위군');
    expect(findCode('regions', '41192')?.name).toBe('부천시 원미구');
    expect(findCode('regions', '51')?.name).toBe('강원특별자치도');
    expect(findCode('regions', '52')?.name).toBe('전북특별자치도');
    expect(isValidCode('regions', '42110')).toBe(false);
    expect(isValidCode('regions', '47720')).toBe(false);
  });

  it('KSIC-10 has 21 sections and 77 divisions, each division under its section letter', () => {
    const items = listCodes('industries');
    expect(count(items, 1)).toBe(21);
    expect(count(items, 2)).toBe(77);
    expect(findCode('industries', '62')).toMatchObject({
      parent: 'J',
      name: '컴퓨터 프로그래밍, 시스템 통합 및 관리업',
    });
    expect(findCode('industries', '34')?.parent).toBe('C');
    expect(findCode('industries', '99')?.parent).toBe('U');
    expect(descendants('industries', 'C')).toHaveLength(25);
  });

  it('Worknet and ilteo flat sets carry the documented codes', () => {
    const codes = (set: Parameters<typeof listCodes>[0]) => listCodes(set).map((i) => i.code);
    expect(codes('education')).toEqual(['00', '01', '02', '03', '04', '05', '06', '07']);
    expect(codes('employment-types')).toEqual(['10', '11', '20', '21', '4', 'Y']);
    expect(codes('wage-types')).toEqual(['D', 'H', 'M', 'Y']);
    expect(codes('careers')).toEqual(['N', 'E', 'Z']);
    expect(codes('work-days')).toEqual(['1', '2', '3', '9']);
    expect(findCode('preferences', 'D')?.name).toBe('장애인만 채용');
    expect(findCode('preferences', 'Y')?.name).toBe('장애인 병행채용');
    expect(codes('target-groups')).toEqual([
      'youth',
      'new_middle_aged',
      'career_break_women',
      'senior',
      'disabled',
      'hs_graduate',
      'pre_discharge_soldier',
      'multicultural',
      'low_income',
    ]);
  });
});

describe('lookups', () => {
  it('ancestors follow parents; unknown KECO codes fall back to existing prefixes', () => {
    expect(ancestors('occupations', '1332').map((i) => i.code)).toEqual(['1', '13', '133']);
    expect(ancestors('occupations', '1338').map((i) => i.code)).toEqual(['1', '13', '133']);
    expect(ancestors('regions', '41111').map((i) => i.code)).toEqual(['41', '41110']);
    expect(ancestors('industries', '47').map((i) => i.code)).toEqual(['G']);
    expect(ancestors('regions', '99999')).toEqual([]);
  });

  it('children, descendants and prefix matches', () => {
    expect(childrenOf('regions', '41110').map((i) => i.code)).toEqual(['41111', '41113', '41115', '41117']);
    expect(listCodes('occupations', { parent: '13' })).toHaveLength(6);
    expect(descendantsPrefixMatch('regions', '52').length).toBe(16);
    expect(descendantsPrefixMatch('occupations', '0').filter((i) => i.level === 4)).toHaveLength(70);
  });
});

describe('regionNameToCode', () => {
  it.each([
    ['서울 강남구', '11680'],
    ['서울특별시 강남구', '11680'],
    ['서울특별시강남구 역삼동', '11680'],
    ['경기 수원시 장안구', '41111'],
    ['경기도 수원시', '41110'],
    ['경기 수원 장안구', '41111'],
    ['강원 춘천시', '51110'],
    ['강원특별자치도 춘천시', '51110'],
    ['강원도 춘천시', '51110'],
    ['강원 고성군', '51820'],
    ['경남 고성군', '48820'],
    ['전북 전주시 완산구', '52111'],
    ['전라북도 전주시 완산구', '52111'],
    ['전북특별자치도 군산시', '52130'],
    ['인천 서구', '28260'],
    ['인천광역시 남구', '28177'],
    ['대구 군위군', '27720'],
    ['경상북도 군위군', '27720'],
    // 광주 and 전남 became 전남광주통합특별시 (12) on 2026-07-01: old names give today's codes.
    ['광주 광산구', '12330'],
    ['광주광역시', '12'],
    ['경기 광주시', '41610'],
    ['광주시', '41610'],
    ['부천시 원미구', '41192'],
    ['성남시 분당구', '41135'],
    ['제주시', '50110'],
    ['세종', '36110'],
    ['세종특별자치시 조치원읍', '36110'],
    ['서울', '11'],
    ['경기 전체', '41'],
    ['강남구', '11680'],
    ['11680', '11680'],
  ])('%s → %s', (name, code) => {
    expect(regionNameToCode(name)).toBe(code);
  });

  it.each(['중구', '남구', '고성군', '서울 역삼동', '', 'Atlantis', '99999'])('%s → null', (name) => {
    expect(regionNameToCode(name)).toBeNull();
  });

  it('maps outdated codes to current ones', () => {
    expect(normalizeLegacyRegionCode('42110')).toBe('51110');
    expect(normalizeLegacyRegionCode('45111')).toBe('52111');
    expect(normalizeLegacyRegionCode('47720')).toBe('27720');
    expect(normalizeLegacyRegionCode('28170')).toBe('28177');
    expect(normalizeLegacyRegionCode('11680')).toBe('11680');
    expect(normalizeLegacyRegionCode('12345')).toBeNull();
  });
});

describe('importing official files', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('round-trips a CP949 CSV with Korean headers, title rows and an override', async () => {
    const csv = [
      '한국고용직업분류 2018,,',
      '코드,코드명,영문명',
      ...listCodes('occupations').map(
        (i) => `${i.code.startsWith('0') ? `="${i.code}"` : i.code},"${i.name}",`,
      ),
    ].join('\r\n');
    const file = write('keco.csv', iconv.encode(csv, 'cp949'));
    const parsed = parseOfficialCodes('occupations', fs.readFileSync(file), file);
    expect(parsed.encoding).toBe('cp949');
    expect(parsed.items).toEqual(listCodes('occupations'));

    const items = await importOfficialCodes('occupations', file);
    const renamed = items.map((i) =>
      i.code === '2314' ? { ...i, name: '직업상담사(개정)', nameEn: 'Job counsellors' } : i,
    );
    const dir = path.join(tmp, 'codes');
    await saveOverride('occupations', renamed, dir);
    reloadCodes('occupations');
    expect(codeSetSource('occupations').source).toBe('override');
    expect(findCode('occupations', '2314')?.name).toBe('직업상담사(개정)');
    expect(count(listCodes('occupations'), 4)).toBe(450);
  });

  it('reads UTF-8 TSV with parent column and infers region levels from 10-digit 법정동코드', () => {
    const tsv = [
      '법정동코드\t법정동명\t폐지여부',
      '4100000000\t경기도\t존재',
      '4111000000\t경기도 수원시\t존재',
      '4111100000\t경기도 수원시 장안구\t존재',
      '4111112900\t경기도 수원시 장안구 파장동\t존재',
      '4119500000\t경기도 부천시 원미구\t폐지',
      '4121000000\t경기도 광명시\t존재',
    ].join('\n');
    const parsed = parseOfficialCodes('regions', new TextEncoder().encode(`\uFEFF${tsv}`));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.skipped).toBe(2);
    expect(parsed.items).toEqual([
      { code: '41', name: '경기도', nameEn: 'Gyeonggi-do', level: 1, parent: null },
      { code: '41110', name: '수원시', nameEn: 'Suwon-si', level: 2, parent: '41' },
      { code: '41111', name: '수원시 장안구', nameEn: 'Suwon-si Jangan-gu', level: 3, parent: '41110' },
      { code: '41210', name: '광명시', nameEn: 'Gwangmyeong-si', level: 2, parent: '41' },
    ]);
  });

  it('infers KSIC sections and accepts an explicit parent column for flat sets', () => {
    const ksic = parseOfficialCodes(
      'industries',
      new TextEncoder().encode('코드,항목명\nJ,정보통신업\n62,컴퓨터\n621,세분류'),
    );
    expect(ksic.items.map((i) => [i.code, i.parent, i.level])).toEqual([
      ['J', null, 1],
      ['62', 'J', 2],
    ]);
    expect(ksic.skipped).toBe(1);
  });

  it('rejects duplicates, missing parents, missing headers and XLSX', () => {
    const bad = (set: Parameters<typeof parseOfficialCodes>[0], text: string) => () =>
      parseOfficialCodes(set, new TextEncoder().encode(text));
    expect(bad('education', 'code,name\n00,무관\n00,다시')).toThrow(/duplicate code: 00/);
    expect(bad('occupations', 'code,name\n0,경영\n011,관리')).toThrow(/unknown parent 01 of 011/);
    expect(bad('education', 'a,b\n1,2')).toThrow(CodeImportError);
    expect(() => parseOfficialCodes('education', new Uint8Array([0x50, 0x4b, 3, 4]))).toThrow(/XLSX/);
  });

  it('a broken override fails loudly instead of silently using the shipped table', () => {
    fs.mkdirSync(path.join(tmp, 'codes'));
    fs.writeFileSync(path.join(tmp, 'codes', 'careers.json'), '{"items":[{"code":"N"}]}');
    reloadCodes('careers');
    expect(() => listCodes('careers')).toThrow(/wrong shape/);
  });
});
