import iconv from 'iconv-lite';

/** SMS and LMS limits in EUC-KR bytes (solapi status codes 1029/1031/1014; FIELD.md §h.6). */
export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
export const LMS_SUBJECT_MAX_BYTES = 40;

/**
 * Whether a character is sendable in a Korean SMS: ASCII, or a KS X 1001 (완성형) character.
 * iconv-lite's 'euc-kr' is really CP949 and also encodes the 8,822 extra syllables (똠, 뷁, 힣)
 * that a strict gateway refuses; KS X 1001 puts both bytes in 0xA1–0xFE.
 */
export function isKsx1001(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return code === 0x0a || code === 0x0d || code === 0x09 || code >= 0x20;
  if (ch.length > 1) return false; // outside the BMP: emoji and the like
  const b = iconv.encode(ch, 'euc-kr');
  if (b.length !== 2) return false;
  return b[0]! >= 0xa1 && b[0]! <= 0xfe && b[1]! >= 0xa1 && b[1]! <= 0xfe;
}

export interface SmsText {
  text: string;
  /** EUC-KR bytes of text. */
  bytes: number;
  /** Characters that were outside KS X 1001 and have been replaced. */
  replaced: string[];
}

/**
 * Makes a text sendable: NFC, line ends as \n, each character outside KS X 1001 replaced by
 * `replacement` (default '?'; pass null to refuse instead: the result's text is then null).
 */
export function toSmsText(input: string, replacement: string | null = '?'): SmsText & { refused: boolean } {
  const replaced: string[] = [];
  let out = '';
  for (const ch of input.normalize('NFC').replace(/\r\n?/g, '\n')) {
    if (isKsx1001(ch)) out += ch;
    else {
      replaced.push(ch);
      out += replacement ?? '';
    }
  }
  return {
    text: out,
    bytes: eucKrBytes(out),
    replaced,
    refused: replacement === null && replaced.length > 0,
  };
}

/** EUC-KR byte length: 1 per ASCII character, 2 per KS X 1001 character. */
export function eucKrBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/** SMS up to 90 bytes, LMS up to 2,000, null past that. */
export function smsKind(text: string): 'sms' | 'lms' | null {
  const n = eucKrBytes(text);
  if (n <= SMS_MAX_BYTES) return 'sms';
  if (n <= LMS_MAX_BYTES) return 'lms';
  return null;
}

/** Cuts a subject to 40 EUC-KR bytes on a character boundary. */
export function lmsSubject(subject: string): string {
  let out = '';
  for (const ch of toSmsText(subject).text) {
    if (eucKrBytes(out + ch) > LMS_SUBJECT_MAX_BYTES) break;
    out += ch;
  }
  return out;
}
