import type { Lang } from '../../platform/i18n/i18n.ts';

// Company size bands (상시근로자 수) as the importers and the demo store them, in words.
const BANDS: Record<string, [string, string]> = {
  under5: ['5인 미만', 'fewer than 5'],
  '5-29': ['5~29인', '5–29'],
  '30-99': ['30~99인', '30–99'],
  '100-299': ['100~299인', '100–299'],
  '300+': ['300인 이상', '300 or more'],
};

/** "30~99인" for the band "30-99"; free text (a typed number of staff) as it was written. */
export function sizeName(size: string | null | undefined, L: Lang): string {
  if (!size) return '';
  const band = BANDS[size];
  return band ? band[L === 'en' ? 1 : 0] : size;
}
