import { listCodes } from '../src/codes/codes.ts';
import { topPostings, topSeekers } from '../src/features/matching/matching.engine.ts';
import { MatchingIndex } from '../src/features/matching/matching.index.ts';
import { seoulDay } from '../src/features/matching/matching.store.ts';
let a = 7;
const r = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const occs = listCodes('occupations', { level: 4 }).map((c) => c.code);
const regions = listCodes('regions', { level: 2 }).map((c) => c.code);
const skew = <T,>(xs: readonly T[]) => xs[Math.floor(xs.length * r() ** 2.2)] as T;
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(xs.length * r())] as T;
const some = <T,>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs)))];
const near = (code: string) => r() < 0.6 ? code : r() < 0.7 ? skew(occs.filter((c) => c.startsWith(code.slice(0, 3)))) : skew(occs);
const W = ['요양','돌봄','운전','경리','회계','용접','사무','포장','조리','청소','경비','물류','영업','상담','간호','보육','판매','배달','설비','전기'];
const uuid = () => Array.from({ length: 4 }, () => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0')).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
const NOW = Date.parse('2026-11-22T03:00:00Z');
const nP = Number(process.argv[2] ?? 5000), nS = Number(process.argv[3] ?? 20000);
const idx = new MatchingIndex();
for (let i = 0; i < nP; i++) idx.upsertPosting({ id: uuid(), occupation: skew(occs), region: skew(regions), wageMonthly: Math.round(2_600_000 * Math.exp(0.25 * (r() - 0.5) * 3)), employmentType: pick(['10','11','20','21','4','Y']), educationMin: pick(['00','00','03','04','05']), careerType: pick(['N','E','Z']), careerMinMonths: 12 * Math.floor(r() * 4), headcount: 1 + Math.floor(r() * 4), createdAt: NOW - Math.floor(r() * 60 * 86400000), closesAt: new Date(NOW + (Math.floor(r() * 60) - 3) * 86400000).toISOString().slice(0, 10), open: r() < 0.95, preferences: r() < 0.15 ? [pick(['05','07','08','14','S','B','Y','D'])] : [], certificates: some(['a','b','c','d','e','f','g','h','i','j'], 2), text: [pick(W), pick(W), pick(W), pick(W), ...some(W, 3)].join(' ') });
for (let i = 0; i < nS; i++) { const main = skew(occs); const home = skew(regions); idx.upsertSeeker({ id: uuid(), centreId: 'c' + Math.floor(r() * 10), region: home, education: pick(['02','03','03','04','05','06']), occupations: [...new Set([main, near(main), near(main)].slice(0, 1 + Math.floor(r() * 3)))], regions: r() < 0.4 ? [skew(regions)] : r() < 0.5 ? [home.slice(0, 2)] : [], employmentTypes: some(['10','11','20','21','4','Y'], 2), wageMonthly: r() < 0.8 ? Math.round(2_400_000 * Math.exp(0.2 * (r() - 0.5) * 3)) : null, careerMonths: Math.floor(r() * 120), certificates: some(['a','b','c','d','e','f','g','h','i','j'], 2), targetGroups: some(['youth','senior','disabled','low_income'], 1), active: true, consentShare: r() < 0.5, consentSensitive: r() < 0.3, text: some(W, 3).join(' ') }); }
const E = idx.data(); const today = seoulDay(NOW);
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * p / 100)]!.toFixed(3);
for (let i = 0; i < 300; i++) topPostings(E, 1 + Math.floor(r() * (E.sLength - 1)), 20, today);
const s2p: number[] = []; for (let i = 0; i < 1000; i++) { const si = 1 + Math.floor(r() * (E.sLength - 1)); const t = performance.now(); topPostings(E, si, 20, today); s2p.push(performance.now() - t); }
const p2s: number[] = []; for (let i = 0; i < 1000; i++) { const pi = 1 + Math.floor(r() * (E.pLength - 1)); const t = performance.now(); topSeekers(E, pi, 50, today, null); p2s.push(performance.now() - t); }
const t0 = performance.now(); let top; const nb = Math.min(E.sLength - 1, 5000); for (let si = 1; si <= nb; si++) top = topPostings(E, si, 20, today, top);
console.log(JSON.stringify({ s2p: [pct(s2p, 50), pct(s2p, 99)], p2s: [pct(p2s, 50), pct(p2s, 99)], batch1thread: Math.round(nb / ((performance.now() - t0) / 1000)) }));
