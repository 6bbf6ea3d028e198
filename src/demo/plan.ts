/**
 * The shape of a demo data set: tier sizes, the anchor date, and the organisation tree (centres
 * and staff) that every generated row refers to. All of it is a pure function of the spec, so a
 * worker thread rebuilds the same tree and ids from the same few numbers.
 * @module
 */
import { personName } from './names.ts';
import { type DemoRegion, provinceName, region, regionSlug, regions } from './regions.ts';
import { demoId, Rng, Weighted } from './rng.ts';

/** Sizes of a demo data set. */
export interface DemoSizes {
  seekers: number;
  postingsOpen: number;
  postingsPast: number;
  employers: number;
  /** share of seekers that get counselling records and referrals (1 = all) */
  casework: number;
}

/** Everything generation depends on: same spec, same data. */
export interface DemoSpec extends DemoSizes {
  tier: 'centre' | 'national' | 'tiny';
  seed: number;
  /** anchor date (YYYY-MM-DD, Asia/Seoul): "open" and "2 years ago" are relative to it */
  today: string;
}

/** Tier sizes (ENGINEERING.md "Performance method"). */
export const TIERS: Record<DemoSpec['tier'], DemoSizes> = {
  tiny: { seekers: 200, postingsOpen: 40, postingsPast: 10, employers: 25, casework: 1 },
  centre: { seekers: 20_000, postingsOpen: 4_000, postingsPast: 1_000, employers: 1_500, casework: 1 },
  national: {
    seekers: 1_000_000,
    postingsOpen: 200_000,
    postingsPast: 50_000,
    employers: 60_000,
    casework: 0.2,
  },
};

/** Stream tags: each table draws from its own sequence. */
export const S = {
  centre: 1,
  user: 2,
  employer: 3,
  posting: 4,
  seeker: 5,
  consent: 6,
  counselling: 7,
  referral: 8,
  refEvent: 9,
  employment: 10,
} as const;

export const DAY_MS = 86_400_000;
/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayOf(date: string): number {
  // Rows ask for the anchor day over and over; parsing it once per distinct string is enough.
  if (date !== lastDay.date) lastDay = { date, day: Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS) };
  return lastDay.day;
}
let lastDay = { date: '', day: 0 };
/** YYYY-MM-DD of a day number. */
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Timestamp text of a day at a Seoul local time (stored in UTC, Seoul is UTC+9). */
export const tsOf = (day: number, minutesKst: number): string =>
  new Date(msOf(day, minutesKst)).toISOString();
export const msOf = (day: number, minutesKst: number): number => day * DAY_MS + (minutesKst - 540) * 60_000;

/** Today's date in Asia/Seoul. */
export function seoulToday(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export interface DemoCentre {
  index: number;
  id: string;
  name: string;
  kind: 'province' | 'city';
  parent: number | null;
  region: string;
  slug: string;
  path: string[];
  /** user indexes of the counsellors (case owners) */
  counsellors: number[];
  weight: number;
}

export interface DemoUser {
  id: string;
  login: string;
  name: string;
  role: 'manager' | 'counsellor' | 'outreach';
  centre: number;
}

export interface Org {
  centres: DemoCentre[];
  users: DemoUser[];
  /** draws a centre and a region that centre serves */
  place(rng: Rng): { centre: DemoCentre; region: DemoRegion };
}

const orgCache = new Map<string, Org>();

/** The centre tree and staff of a spec: Incheon for centre/tiny, the whole country for national. */
export function buildOrg(spec: DemoSpec): Org {
  const key = `${spec.tier}:${spec.seed}`;
  const hit = orgCache.get(key);
  if (hit) return hit;
  const rng = new Rng(spec.seed, S.centre, 0);
  const centres: DemoCentre[] = [];
  const created = Date.parse('2024-01-02T00:00:00Z');
  const addCentre = (
    name: string,
    kind: DemoCentre['kind'],
    parent: number | null,
    code: string,
    slug: string,
    weight: number,
  ) => {
    const index = centres.length;
    const id = demoId(spec.seed, S.centre, index, created);
    const path = parent === null ? [id] : [...(centres[parent]?.path ?? []), id];
    centres.push({ index, id, name, kind, parent, region: code, slug, path, counsellors: [], weight });
    return index;
  };
  const all = regions();
  const byRegion = new Map<string, number>();
  if (spec.tier === 'national') {
    const provinces = [...new Set(all.list.map((r) => r.province))];
    const provinceIndex = new Map<string, number>();
    for (const p of provinces) {
      const name = p === '11' ? '서울일자리플러스센터' : `${provinceName(p)} 일자리센터`;
      provinceIndex.set(p, addCentre(name, 'province', null, p, regionSlug(p), 0));
    }
    // About 200 district centres: the most populous 시군구 have their own, the rest are
    // served by the province centre (as small counties are in practice).
    const districts = all.list
      .filter((r) => r.code !== '36110')
      .sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code))
      .slice(0, 200);
    districts.sort((a, b) => a.code.localeCompare(b.code));
    for (const d of districts) {
      const suffix = rng.pick([
        '일자리센터',
        '일자리지원센터',
        '일자리센터',
        '기업&일자리 지원센터',
        '일자리플러스센터',
      ]);
      const short = provinceName(d.province).replace(/(특별자치시|특별자치도|광역시|특별시|도)$/, '');
      const slug = `${regionSlug(d.province)}-${regionSlug(d.code)}`;
      byRegion.set(
        d.code,
        addCentre(
          `${short} ${d.label.split(' ').slice(1).join(' ')} ${suffix}`,
          'city',
          provinceIndex.get(d.province) ?? null,
          d.code,
          slug,
          0,
        ),
      );
    }
    for (const r of all.list)
      if (!byRegion.has(r.code)) byRegion.set(r.code, provinceIndex.get(r.province) ?? 0);
  } else {
    const root = addCentre('인천광역시 일자리센터', 'province', null, '28', 'incheon', 0.1);
    addCentre('인천 서해구 기업&일자리 지원센터', 'city', root, '28275', 'seohaegu', 0.35);
    addCentre('인천 부평구 일자리지원센터', 'city', root, '28237', 'bupyeonggu', 0.28);
    addCentre('인천 남동구 일자리센터', 'city', root, '28200', 'namdonggu', 0.27);
  }
  const users: DemoUser[] = [];
  const addUser = (c: DemoCentre, role: DemoUser['role'], n: number) => {
    const female = rng.chance(role === 'counsellor' ? 0.75 : 0.5);
    const login = `${c.slug}.${role}${role === 'manager' ? '' : n}`;
    users.push({
      id: demoId(spec.seed, S.user, users.length, created),
      login,
      name: personName(rng, female),
      role,
      centre: c.index,
    });
    if (role === 'counsellor') c.counsellors.push(users.length - 1);
  };
  for (const c of centres) {
    addUser(c, 'manager', 1);
    const n = c.kind === 'province' && spec.tier !== 'national' ? 1 : rng.int(2, 4);
    for (let k = 1; k <= n; k++) addUser(c, 'counsellor', k);
    addUser(c, 'outreach', 1);
  }
  let place: Org['place'];
  if (spec.tier === 'national') {
    place = (r) => {
      const reg = all.national.pick(r);
      return { centre: centres[byRegion.get(reg.code) ?? 0] as DemoCentre, region: reg };
    };
  } else {
    const draw = new Weighted(centres.map((c) => [c, c.weight] as const));
    const incheon = new Weighted(
      all.list.filter((r) => r.province === '28').map((r) => [r, r.weight] as const),
    );
    const nearby = ['11500', '41190', '41570', '11530', '41390'].map(region);
    place = (r) => {
      const centre = draw.pick(r);
      const x = r.next();
      // People mostly register at the centre of their own district; some cross over.
      const reg =
        centre.kind === 'city' && x < 0.75
          ? region(centre.region)
          : x < 0.95
            ? incheon.pick(r)
            : r.pick(nearby);
      return { centre, region: reg };
    };
  }
  const org = { centres, users, place };
  orgCache.set(key, org);
  return org;
}
