import { findCode } from '../../codes/codes.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { FACTORS, scorePair } from './matching.engine.ts';
import type { MatchingIndex } from './matching.index.ts';
import './matching.messages.ts';
import { decodeOcc, occDepth, occPrefix, sidoOf } from './matching.store.ts';

/** One explained factor of a recommendation. */
export interface Reason {
  factor: string;
  points: number;
  detail: string;
}

function codeName(set: 'occupations' | 'regions' | 'employment-types', code: string, lang: Lang): string {
  // The index compares occupations in KECO 2018's codes, plus 2025 codes 2018 never used (1352).
  const c = findCode(set, code) ?? (set === 'occupations' ? findCode('occupations-2025', code) : null);
  return c ? (lang === 'en' && c.nameEn ? c.nameEn : c.name) : code;
}

function regionName(region: number, lang: Lang): string {
  const sido = String(sidoOf(region));
  const sidoName = codeName('regions', sido, lang);
  return region < 100 ? sidoName : `${sidoName} ${codeName('regions', String(region), lang)}`;
}

const manwon = (won: number) => Math.round(won / 10_000);

/**
 * Scores the pair again with the factor breakdown and words each non-zero factor, best first
 * (congestion, a minus, comes last). Runs only for the rows shown, never in the ranking loop.
 */
export function explain(
  index: MatchingIndex,
  pi: number,
  si: number,
  lang: Lang,
  now = Date.now(),
): Reason[] {
  const E = index.data();
  const { P, S } = E;
  const out = new Int16Array(FACTORS.length);
  const today = Math.floor((now + 9 * 3_600_000) / 86_400_000);
  scorePair(E, pi, si, today, out);
  const reasons: Reason[] = [];
  FACTORS.forEach((factor, f) => {
    const points = out[f] as number;
    if (points === 0) return;
    let detail = '';
    switch (factor) {
      case 'occupation': {
        let depth = 0;
        for (let j = 0; j < 4; j++) {
          const d = S.occ[si * 4 + j] as number;
          if (d >= 0) depth = Math.max(depth, occDepth(d, P.occ[pi] as number));
        }
        const code = decodeOcc(occPrefix(P.occ[pi] as number, depth));
        detail = t(lang, `matching.occupation.${depth}`, { name: codeName('occupations', code, lang) });
        break;
      }
      case 'place': {
        const pr = P.region[pi] as number;
        const key = points === 20 ? 'sigungu' : points === 15 ? 'desired' : 'sido';
        detail = t(lang, `matching.place.${key}`, {
          name: key === 'sido' ? regionName(sidoOf(pr), lang) : regionName(pr, lang),
        });
        break;
      }
      case 'wage':
        detail = t(lang, points >= 15 ? 'matching.wage.meets' : 'matching.wage.near', {
          offer: manwon(P.wage[pi] as number),
          want: manwon(S.wage[si] as number),
        });
        break;
      case 'employmentType': {
        const code = index.employmentTypes.names[(P.emp[pi] as number) + 1] ?? '';
        detail = t(lang, 'matching.employmentType', { name: codeName('employment-types', code, lang) });
        break;
      }
      case 'career': {
        const ct = P.careerType[pi] as number;
        const params = { have: S.careerMonths[si] as number, need: P.careerMin[pi] as number };
        const key = ct === 0 ? 'entry' : ct === 1 ? 'any' : points >= 10 ? 'meets' : 'partial';
        detail = t(lang, `matching.career.${key}`, params);
        break;
      }
      case 'certificates': {
        const names: string[] = [];
        for (let a = 0; a < 4; a++) {
          const c = P.certs[pi * 4 + a] as number;
          for (let b = 0; c && b < 4; b++)
            if (S.certs[si * 4 + b] === c) names.push(index.certificates.names[c] ?? '');
        }
        detail = t(lang, 'matching.certificates', { names: names.join(', ') });
        break;
      }
      case 'keywords':
        detail = t(lang, 'matching.keywords', { n: points / 2 });
        break;
      case 'preference': {
        const bit = (P.pref[pi] as number) & (S.fit[si] as number);
        detail = t(lang, `matching.preference.${bit & -bit}`);
        break;
      }
      case 'freshness':
        detail = t(lang, 'matching.freshness', { days: today - (P.created[pi] as number) });
        break;
      case 'congestion':
        detail = t(lang, 'matching.congestion', {
          open: P.openRefs[pi] as number,
          headcount: P.headcount[pi] as number,
        });
        break;
    }
    reasons.push({ factor, points, detail });
  });
  return reasons.sort((a, b) => b.points - a.points);
}
