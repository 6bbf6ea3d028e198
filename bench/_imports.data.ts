import { listCodes } from '../src/codes/codes.ts';
import { personName } from '../src/demo/names.ts';
import { Rng } from '../src/demo/rng.ts';

/** The columns of the seeker file of issue 13 (the size of Seoul's figure in the seeds). */
export const SEEKER_COLUMNS = [
  'externalId',
  'name',
  'birthDate',
  'phone',
  'regionCode',
  'educationLevel',
  'desired.occupations',
  'desired.wageType',
  'desired.wageMin',
  'registeredAt',
] as const;

/**
 * A deterministic seeker CSV of `rows` data lines (UTF-8, header first): Korean names, real
 * region and KECO codes, phones unique per row (so no row repeats a person), registration
 * dates in 2025. Used by `npm run bench -- imports` and the import tests.
 */
export function seekerCsv(rows: number, seed = 42, prefix = 'S'): string {
  // Codes in force on every registration date of the file (2025) and today: no abolished or future ones.
  const regions = listCodes('regions').filter(
    (c) => c.code.length === 5 && !c.validTo && (!c.validFrom || c.validFrom <= '2025-01-01'),
  );
  const occupations = listCodes('occupations').filter((c) => c.level === 4);
  const lines: string[] = [SEEKER_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const rng = new Rng(seed, 13, i);
    const female = rng.next() < 0.5;
    const year = 1962 + Math.floor(rng.next() * 42);
    const month = 1 + Math.floor(rng.next() * 12);
    const day = 1 + Math.floor(rng.next() * 28);
    const occ = [occupations[Math.floor(rng.next() * occupations.length)]!.code];
    if (rng.next() < 0.3) occ.push(occupations[Math.floor(rng.next() * occupations.length)]!.code);
    const hourly = rng.next() < 0.3;
    const wage = hourly
      ? 10_030 + Math.floor(rng.next() * 8) * 500
      : 2_100_000 + Math.floor(rng.next() * 20) * 100_000;
    const reg = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(
      [
        `${prefix}-${i + 1}`,
        personName(rng, female),
        `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        `010-${2000 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')}`,
        regions[Math.floor(rng.next() * regions.length)]!.code,
        `0${Math.floor(rng.next() * 8)}`,
        occ.join(';'),
        hourly ? 'H' : 'M',
        String(wage),
        reg,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
