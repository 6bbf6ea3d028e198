/**
 * Regions weighted by population for the demo data: 시도 by their 2024 resident population and
 * 시군구 (level 2 only — never an 일반구 of a city) by their own where it is known, otherwise
 * by a typical size for a city district (구·시) or a county (군).
 * @module
 */
import { findCode } from '../codes/codes.ts';
import { abolishedRegions } from '../codes/region-rollup.ts';
import { regionsAt } from '../codes/regions.ts';
import { Weighted } from './rng.ts';

/** Residents in units of 10,000 (2024), by 시도 code. */
const PROVINCE_POP: Record<string, number> = {
  '11': 936,
  '26': 327,
  '27': 236,
  '28': 302,
  '29': 141,
  '30': 144,
  '31': 110,
  '36': 39,
  '41': 1369,
  '43': 159,
  '44': 213,
  '46': 180,
  '47': 254,
  '48': 325,
  '50': 67,
  '51': 152,
  '52': 173,
};

/** Known 시군구 populations (10,000s); the rest use DEFAULT_CITY / DEFAULT_COUNTY. */
const DISTRICT_POP: Record<string, number> = {
  '11110': 14,
  '11140': 12,
  '11170': 21,
  '11200': 28,
  '11215': 34,
  '11230': 34,
  '11260': 38,
  '11290': 43,
  '11305': 29,
  '11320': 30,
  '11350': 50,
  '11380': 46,
  '11410': 30,
  '11440': 36,
  '11470': 43,
  '11500': 56,
  '11530': 40,
  '11545': 23,
  '11560': 37,
  '11590': 38,
  '11620': 48,
  '11650': 41,
  '11680': 55,
  '11710': 65,
  '11740': 46,
  '28110': 15,
  '28140': 6,
  '28177': 41,
  '28185': 39,
  '28200': 49,
  '28237': 48,
  '28245': 28,
  '28260': 62,
  '28710': 7,
  '28720': 2,
  '41110': 119,
  '41130': 91,
  '41150': 46,
  '41170': 55,
  '41190': 78,
  '41210': 28,
  '41220': 59,
  '41250': 9,
  '41270': 63,
  '41280': 107,
  '41290': 8,
  '41310': 19,
  '41360': 73,
  '41370': 23,
  '41390': 52,
  '41410': 26,
  '41430': 16,
  '41450': 33,
  '41460': 109,
  '41480': 50,
  '41500': 22,
  '41550': 19,
  '41570': 49,
  '41590': 100,
  '41610': 39,
  '41630': 29,
  '41650': 14,
  '41670': 11,
  '41800': 4,
  '41820': 6,
  '41830': 12,
  '26350': 38,
  '26230': 36,
  '26290': 26,
  '26380': 30,
  '27290': 53,
  '27230': 42,
  '27260': 41,
  '30170': 46,
  '30200': 36,
  '29170': 42,
  '29200': 39,
  '31140': 31,
  '31710': 22,
  '48120': 100,
  '48250': 53,
  '48330': 35,
  '48170': 34,
  '43110': 85,
  '44130': 66,
  '44200': 34,
  '52110': 64,
  '47110': 49,
  '47190': 40,
  '47290': 27,
  '51130': 36,
  '51110': 29,
  '51150': 21,
  '50110': 49,
  '50130': 18,
  '46130': 27,
  '46150': 28,
  '46110': 21,
};
const DEFAULT_CITY = 18;
const DEFAULT_COUNTY = 4;

/** A region for the demo: code, 시도 code and the label used in addresses ("인천광역시 서구"). */
export interface DemoRegion {
  readonly code: string;
  readonly province: string;
  readonly label: string;
  /** the short name used in company names (서구, 광명) */
  readonly short: string;
  readonly weight: number;
}

/**
 * The demo uses the codes in force since the 2026-07-01 changes (인천 제물포구·영종구·서해구·검단구,
 * 12 전남광주통합특별시), pinned to that day so seeded data stays identical run after run.
 */
const DEMO_REGION_DATE = '2026-07-01';

/**
 * Population of a code from a table keyed by the older codes: its own entry, else the sum of the
 * codes that roll up into it (12 ← 29 + 46, 12330 ← 29200, 28275 ← 28260).
 */
function popOf(code: string, table: Record<string, number>): number | undefined {
  if (table[code] !== undefined) return table[code];
  let sum: number | undefined;
  for (const [from, to] of abolishedRegions(DEMO_REGION_DATE)) {
    if (to === code && table[from] !== undefined) sum = (sum ?? 0) + (table[from] as number);
  }
  return sum;
}

let cached:
  | { list: DemoRegion[]; byCode: Map<string, DemoRegion>; national: Weighted<DemoRegion> }
  | undefined;

/** Every 시군구 (level 2) with its population weight, and the national draw. */
export function regions() {
  if (cached) return cached;
  const list: DemoRegion[] = [];
  // The population tables are keyed by the codes of 2025 (popOf carries them over).
  for (const p of regionsAt(DEMO_REGION_DATE, { level: 1 })) {
    const districts = regionsAt(DEMO_REGION_DATE, { parent: p.code }).filter((d) => d.level === 2);
    const raw = districts.map(
      (d) => popOf(d.code, DISTRICT_POP) ?? (Number(d.code[2]) >= 7 ? DEFAULT_COUNTY : DEFAULT_CITY),
    );
    const sum = raw.reduce((a, b) => a + b, 0);
    districts.forEach((d, i) => {
      const label = d.code === '36110' ? d.name : `${p.name} ${d.name}`;
      const short = d.name.length > 2 && /[시군]$/.test(d.name) ? d.name.slice(0, -1) : d.name;
      // District weights are rescaled so that each province keeps its real share.
      list.push({
        code: d.code,
        province: p.code,
        label,
        short,
        weight: ((raw[i] ?? 0) / sum) * (popOf(p.code, PROVINCE_POP) ?? 50),
      });
    });
  }
  const byCode = new Map(list.map((r) => [r.code, r]));
  cached = { list, byCode, national: new Weighted(list.map((r) => [r, r.weight] as const)) };
  return cached;
}

/** The region of a code; throws for codes the demo does not know (a bug in the demo tables). */
export function region(code: string): DemoRegion {
  const r = regions().byCode.get(code);
  if (!r) throw new Error(`demo region ${code} unknown`);
  return r;
}

/** Name of a 시도 ("인천광역시"). */
export function provinceName(code: string): string {
  return findCode('regions', code)?.name ?? code;
}

/** Romanised slug of a region for demo logins: 28275 → "seohaegu", 28 → "incheon". */
export function regionSlug(code: string): string {
  const en = findCode('regions', code)?.nameEn ?? code;
  return (code.length === 2 ? (en.split(/[\s-]/)[0] ?? en) : en).toLowerCase().replace(/[^a-z0-9]/g, '');
}
