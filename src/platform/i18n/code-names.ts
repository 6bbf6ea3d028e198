import type { Lang } from './i18n.ts';

/** A code table: each code with its [Korean, English] name (every code shown carries its name). */
export type CodeNames = Readonly<Record<string, readonly [string, string]>>;

/** The name of a code in the request's language (the code itself when unknown). */
export function nameOf(table: CodeNames, code: string, lang: Lang = 'ko'): string {
  const names = table[code];
  return names ? names[lang === 'en' ? 1 : 0] : code;
}
