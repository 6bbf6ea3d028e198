/** `#{name}` fields of a template (Kakao's 알림톡 notation, also used for SMS and e-mail). */
const FIELD = /#\{([A-Za-z][A-Za-z0-9_]{0,39})\}/g;

export function templateFields(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1]!))];
}

/** Fills every `#{field}`; a field without a value becomes '-' (never a raw `#{…}`). */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(FIELD, (_, k: string) => {
    const v = values[k];
    return v === undefined || v.trim() === '' ? '-' : v.replace(/\s+/g, ' ').trim();
  });
}

/**
 * The frame 정보통신망법 제50조④ asks of an advertising message: "(광고)" first, the sender's
 * name, and a free way to refuse at the end.
 */
export function advertisingText(body: string, sender: string, optOut: string): string {
  return `(광고)${sender}\n${body}\n무료수신거부 ${optOut}`;
}

/** An advertising message's subject starts with "(광고)" too; an informational one goes as written. */
export function sentSubject(subject: string, category: 'info' | 'ad'): string {
  return category === 'ad' ? `(광고) ${subject}` : subject;
}
