export type Lang = 'ko' | 'en';

/** A message key; features register theirs with defineMessages. */
export type MessageKey = string;

const registry = new Map<string, readonly [string, string]>();

/** Registers [Korean, English] messages; duplicate keys are a programming error. */
export function defineMessages<T extends Record<string, readonly [string, string]>>(dict: T): T {
  for (const [key, value] of Object.entries(dict)) {
    if (registry.has(key) && registry.get(key) !== value) throw new Error(`duplicate message key ${key}`);
    registry.set(key, value);
  }
  return dict;
}

/** Message texts split at their placeholders: [text, name, codeKeys, text, name, codeKeys, …, text]. */
const parts = new Map<string, (string | undefined)[]>();

/**
 * Resolves a message in the language, filling {name} placeholders. Falls back to the key. A
 * list of explained recommendations asks for ~160 messages, so each text is split once.
 * `{status|pp.status}` fills in the name of a code: the message `pp.status.<params.status>` in
 * the same language, so an error carrying a code (`pending`) reads "승인 대기" to a person.
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry = registry.get(key);
  const text = entry ? (lang === 'en' ? entry[1] : entry[0]) : key;
  if (!text.includes('{')) return text;
  let split = parts.get(text);
  if (!split) {
    split = text.split(/\{(\w+)(?:\|([\w.]+))?\}/);
    parts.set(text, split);
  }
  let out = split[0] as string;
  for (let i = 1; i < split.length; i += 3) {
    const name = split[i] as string;
    const codes = split[i + 1];
    const value = params[name];
    const shown =
      value === undefined ? `{${name}}` : codes ? codeLabel(lang, codes, String(value)) : String(value);
    out += shown + (split[i + 2] as string);
  }
  return out;
}

/** The name of a code in the language (message `<prefix>.<code>`), or the code itself if it has none. */
export function codeLabel(lang: Lang, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return registry.has(key) ? t(lang, key) : code;
}

/** Korean unless the client asks for English (query ?lang=en, then cookie, then Accept-Language). */
export function pickLang(opts: { query?: string; cookie?: string; acceptLanguage?: string }): Lang {
  for (const explicit of [opts.query, opts.cookie]) {
    if (explicit === 'en' || explicit === 'ko') return explicit;
  }
  const first = (opts.acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ko';
}
