// Deterministic data of the matching benchmark (bench/matching.ts): skewed occupations and
// regions, lognormal wages, Korean keywords and certificates.
import { listCodes } from '../src/codes/codes.ts';

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = [
  '요양',
  '돌봄',
  '운전',
  '경리',
  '회계',
  '용접',
  '사무',
  '포장',
  '조리',
  '청소',
  '경비',
  '물류',
  '영업',
  '상담',
  '간호',
  '보육',
  '판매',
  '배달',
  '설비',
  '전기',
  '지게차',
  '엑셀',
  '고객응대',
  '생산',
  '검사',
];
export const CERTS = [
  '요양보호사',
  '지게차운전기능사',
  '전산회계2급',
  '한식조리기능사',
  '운전면허1종',
  '용접기능사',
  '전기기능사',
  '사회복지사2급',
  '보육교사2급',
  '컴퓨터활용능력2급',
];
export const EMP = ['10', '11', '20', '21', '4', 'Y'];
export const GROUPS = ['youth', 'new_middle_aged', 'career_break_women', 'senior', 'disabled', 'low_income'];
export const PREFS = ['05', '07', '08', '14', 'S', 'B', 'Y', 'D'];

/** Deterministic data: skewed occupations and regions, lognormal wages, Korean keywords. */
export function generator(seed: number) {
  const r = rng(seed);
  const occs = listCodes('occupations', { level: 4 }).map((c) => c.code);
  const regions = listCodes('regions', { level: 2 }).map((c) => c.code);
  const skew = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * r() ** 2.2)] as T;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * r())] as T;
  const some = <T>(xs: readonly T[], max: number) => [
    ...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs))),
  ];
  const uuid = () => {
    const h = Array.from({ length: 4 }, () =>
      Math.floor(r() * 0x100000000)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const lognormal = (median: number, sigma: number) => {
    const z = Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
    return Math.round((median * Math.exp(sigma * z)) / 10000) * 10000;
  };
  const near = (code: string) =>
    r() < 0.6 ? code : r() < 0.7 ? skew(occs.filter((c) => c.startsWith(code.slice(0, 3)))) : skew(occs);
  return { r, occs, regions, skew, pick, some, uuid, lognormal, near };
}
