import type { CodeItem } from './codes.ts';

/** Resolves region names and outdated region codes against one loaded regions table. */
export interface RegionResolver {
  resolve(name: string): string | null;
  legacyCode(code: string): string | null;
}

/**
 * Short and former 시도 names. The full names come from the table itself. "광주시" is left out
 * on purpose: alone it means 경기 광주시, not 광주광역시.
 */
const SIDO_ALIASES: Readonly<Record<string, string>> = {
  서울: '11',
  서울시: '11',
  부산: '26',
  부산시: '26',
  대구: '27',
  대구시: '27',
  인천: '28',
  인천시: '28',
  광주: '29',
  대전: '30',
  대전시: '30',
  울산: '31',
  울산시: '31',
  세종: '36',
  세종시: '36',
  경기: '41',
  충북: '43',
  충남: '44',
  전남: '46',
  경북: '47',
  경남: '48',
  제주: '50',
  제주도: '50',
  강원: '51',
  강원도: '51',
  전북: '52',
  전라북도: '52',
};

/** Names that disappeared in mergers, moves and renames, keyed by the 시도 they were written under. */
const LEGACY_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '28': { 남구: '28177' }, // 인천 남구 → 미추홀구 (2018)
  '47': { 군위군: '27720' }, // 경북 군위군 → 대구 (2023-07)
  '43': { 청원군: '43110' }, // merged into 청주시 (2014)
  '44': { 연기군: '36110', 당진군: '44270' }, // 세종시 (2012), 당진시 (2012)
  '41': { 여주군: '41670' }, // 여주시 (2013)
};

/** Codes that changed without a rule: moves between 시도, renames and recreated 일반구. */
const LEGACY_CODES: Readonly<Record<string, string>> = {
  '47720': '27720',
  '28170': '28177',
  '41195': '41192',
  '41197': '41194',
  '41199': '41196',
  '43710': '43110',
  '44730': '36110',
  '44830': '44270',
  '41730': '41670',
};

/** Words the portal uses for "the whole province". */
const WHOLE_AREA = ['전체', '전지역', '전 지역', '전역', '일원'];

const SEJONG = '36110';

interface Named {
  readonly key: string;
  readonly code: string;
  /** Exact names may be glued to what follows ("수원시장안구"); stems must end at a space. */
  readonly exact: boolean;
}

interface Match {
  readonly code: string;
  readonly rest: string;
}

function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u3000,/>|()[\]]+/g, ' ')
    .trim();
}

/** "춘천시" → "춘천", so "강원 춘천" still resolves; one-syllable stems ("중") are too vague. */
function stem(name: string): string | null {
  const s = name.replace(/[시군구]$/, '');
  return s !== name && s.length >= 2 ? s : null;
}

function named(key: string, code: string): Named[] {
  const s = stem(key);
  return s
    ? [
        { key, code, exact: true },
        { key: s, code, exact: false },
      ]
    : [{ key, code, exact: true }];
}

/**
 * The best matches at the start of `rest`: exact names beat stems, longer beats shorter.
 * Several distinct codes in the result mean the text is ambiguous.
 */
function bestMatches(rest: string, names: readonly Named[]): Match[] {
  let bestScore = -1;
  let found: Match[] = [];
  for (const n of names) {
    if (!rest.startsWith(n.key)) continue;
    const after = rest.slice(n.key.length);
    if (!n.exact && after !== '' && !after.startsWith(' ')) continue;
    const score = (n.exact ? 1000 : 0) + n.key.length;
    if (score < bestScore) continue;
    if (score > bestScore) found = [];
    bestScore = score;
    if (!found.some((f) => f.code === n.code)) found.push({ code: n.code, rest: after.trimStart() });
  }
  return found;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V[]): void {
  const list = map.get(key);
  if (list) list.push(...value);
  else map.set(key, [...value]);
}

/**
 * The code a region has on `today`: an abolished code with exactly one successor in force
 * (광주 29200 → 12330) is carried over; a split one (인천 서구 28260 → 서해구, 검단구) stays
 * as it is, because a name alone cannot tell which part is meant.
 */
export function forwardRegion(byCode: ReadonlyMap<string, CodeItem>, code: string, today: string): string {
  let c = code;
  for (let i = 0; i < 10; i++) {
    const item = byCode.get(c);
    const next = item?.successors;
    if (!item?.validTo || item.validTo >= today || next?.length !== 1) return c;
    const succ = byCode.get(next[0]);
    if (!succ || (succ.validFrom && succ.validFrom > today)) return c;
    c = succ.code;
  }
  return c;
}

/**
 * Builds the name indexes once; `items` is the loaded regions table. Names of abolished codes
 * still resolve, to their one successor when there is one (`forwardRegion` on `today`).
 */
export function createRegionResolver(items: readonly CodeItem[], today: string): RegionResolver {
  const codes = new Set(items.map((i) => i.code));
  const byCode = new Map(items.map((i) => [i.code, i]));
  const fwd = (code: string) => forwardRegion(byCode, code, today);
  const sidoNames: Named[] = Object.entries(SIDO_ALIASES).map(([key, code]) => ({
    key,
    code: fwd(code),
    exact: true,
  }));
  const level2BySido = new Map<string, Named[]>();
  const guByCity = new Map<string, Named[]>();
  const guBySido = new Map<string, Named[]>();
  const level2All: Named[] = [];
  const guAll: Named[] = [];
  for (const item of items) {
    if (item.level === 1) {
      sidoNames.push({ key: item.name, code: fwd(item.code), exact: true });
    } else if (item.level === 2 && item.parent) {
      const names = named(item.name, fwd(item.code));
      push(level2BySido, fwd(item.parent), names);
      level2All.push(...names);
    } else if (item.level === 3 && item.parent) {
      // 일반구 are stored as "수원시 장안구"; after the city has been read only "장안구" is left.
      const names = named(item.name.split(' ').pop() ?? item.name, fwd(item.code));
      push(guByCity, fwd(item.parent), names);
      push(guBySido, fwd(item.code.slice(0, 2)), names);
      guAll.push(...names);
    }
  }

  /** After a 시군구 has been read, a following 일반구 name makes the answer more specific. */
  function refine(city: Match): string {
    const gu = bestMatches(city.rest, guByCity.get(city.code) ?? []);
    return gu.length === 1 ? gu[0].code : city.code;
  }

  /** Undefined means "this reading of the 시도 does not fit", so the caller tries another. */
  function withinSido(sido: string, rest: string): string | null | undefined {
    if (sido === '36') return SEJONG; // 세종 has no 시군구 below it: everything is 36110.
    if (rest === '') return sido;
    if (WHOLE_AREA.some((w) => rest === w || rest.startsWith(`${w} `))) return sido;
    const cities = bestMatches(rest, level2BySido.get(sido) ?? []);
    if (cities.length === 1) return refine(cities[0]);
    const gu = bestMatches(rest, guBySido.get(sido) ?? []);
    if (gu.length === 1) return gu[0].code;
    for (const [oldName, code] of Object.entries(LEGACY_NAMES[sido] ?? {})) {
      if (rest === oldName || rest.startsWith(oldName)) return code;
    }
    return undefined;
  }

  function withoutSido(rest: string): string | null {
    const cities = bestMatches(rest, level2All);
    if (cities.length === 1) return refine(cities[0]);
    if (cities.length > 1) return null; // e.g. "중구": several 시도 have one.
    const gu = bestMatches(rest, guAll);
    if (gu.length === 1) return gu[0].code;
    if (gu.length > 1) return null;
    const legacy = Object.values(LEGACY_NAMES).flatMap((m) => Object.entries(m));
    const hits = new Set(legacy.filter(([n]) => rest.startsWith(n)).map(([, code]) => code));
    return hits.size === 1 ? [...hits][0] : null;
  }

  return {
    resolve(name: string): string | null {
      const text = normalize(name);
      if (text === '') return null;
      if (/^\d{2}(\d{3})?$/.test(text)) return codes.has(text) ? text : null;
      // Try every 시도 reading, longest first ("광주광역시" before "광주"), then none at all:
      // "광주시" alone starts like 광주 but is 경기 광주시.
      const sidoReadings = sidoNames
        .filter((n) => text.startsWith(n.key))
        .sort((a, b) => b.key.length - a.key.length);
      for (const reading of sidoReadings) {
        const found = withinSido(reading.code, text.slice(reading.key.length).trimStart());
        if (found !== undefined) return found;
      }
      return withoutSido(text);
    },

    legacyCode(code: string): string | null {
      const c = code.trim();
      // Codes of the table stay as they are, abolished ones too: the caller decides (records
      // keep their code; new ones are refused with the successors named).
      if (codes.has(c)) return c;
      const mapped = LEGACY_CODES[c];
      if (mapped) return codes.has(mapped) ? mapped : null;
      // 강원 (42 → 51, 2023-06) and 전북 (45 → 52, 2024-01) kept the rest of every code.
      const moved = c.startsWith('42') ? `51${c.slice(2)}` : c.startsWith('45') ? `52${c.slice(2)}` : null;
      return moved && codes.has(moved) ? moved : null;
    },
  };
}
