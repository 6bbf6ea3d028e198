// iCalendar (RFC 5545) pieces shared by the feeds ilteo publishes (a counsellor's appointments,
// the public mobile-desk schedule).

/** RFC 5545 §3.3.11 TEXT escaping. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** UTC date-time form (§3.3.5 form #2) of an ISO instant. */
export function icsUtc(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (§3.1). */
export function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/** The lines joined with CRLF, each folded, ending with CRLF. */
export function icsDocument(lines: string[]): string {
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}
