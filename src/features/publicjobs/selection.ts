import { createHash } from 'node:crypto';
import type { SelectionMethod } from './publicjobs.codes.ts';
import { rfc3797Order } from './rfc3797.ts';

// The selection a draw makes from the frozen candidate list (eligible applications in
// application-number order): by score, by RFC 3797 lottery, or by score with ties ordered by
// the lottery (FIELD.md §f.5). Pure, so a citizen's script and the bench get the same answer.

/**
 * The candidate list as published before the draw: one line per candidate, in list order,
 * "applicationNo,score" and a line feed. Its SHA-256 (hex) is announced with it.
 */
export function candidateListText(nos: readonly number[], scores: readonly number[]): string {
  let out = '';
  for (let i = 0; i < nos.length; i++) out += `${nos[i]},${scores[i]}\n`;
  return out;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface Ranking {
  /** Candidate positions (0-based in the frozen list) from first to last. */
  ranked: number[];
  /** The RFC 3797 draw over the whole list (0-based positions in draw order); null by score. */
  lottery: number[] | null;
}

/**
 * Ranks the candidates. `lottery`: the RFC 3797 order itself. `score_then_lottery`: score
 * descending, ties by their place in the RFC 3797 order. `score`: score descending, ties by
 * application number (the list order). Every candidate is ranked, however many (the draw
 * goes on past 65,536 with a four-byte counter, see rfc3797.ts).
 */
export function rankCandidates(
  method: SelectionMethod,
  scores: readonly number[],
  key: string | null,
): Ranking {
  const n = scores.length;
  if (method === 'score') {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return { ranked: idx, lottery: null };
  }
  if (key === null) throw new Error('a lottery needs its key string');
  const lottery = rfc3797Order(key, n);
  if (method === 'lottery') return { ranked: lottery, lottery };
  const place = new Int32Array(n).fill(n + 1);
  lottery.forEach((c, i) => {
    place[c] = i;
  });
  const idx = lottery.slice();
  idx.sort(
    (a, b) => (scores[b] as number) - (scores[a] as number) || (place[a] as number) - (place[b] as number),
  );
  return { ranked: idx, lottery };
}
