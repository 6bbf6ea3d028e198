import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Compressed copies of the static text files (CSS, scripts, SVG). Only these are compressed: a
 * page or an API answer holds a CSRF token or personal data next to text a visitor can put in
 * (a search), which compression would let an eavesdropper guess byte by byte (BREACH); a
 * stylesheet holds neither. Each body is packed once per encoding and kept with it.
 */
export type Encoding = 'br' | 'gzip';

const TEXT = /^(text\/|image\/svg\+xml)/;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 1024;
const packed = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();

/**
 * The encoding to answer with for an Accept-Encoding header: br before gzip, neither when the
 * client refuses it with q=0 (or names only identity).
 */
export function pickEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const allowed = (e: Encoding) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return null;
}

/** The body to send, and its encoding when compressed; the body itself when not worth it. */
export function encodeStatic(
  body: Buffer,
  type: string,
  accept: string | undefined,
): { body: Buffer; encoding: Encoding | null } {
  const encoding = TEXT.test(type) && body.length >= MIN_BYTES ? pickEncoding(accept) : null;
  if (!encoding) return { body, encoding: null };
  let copies = packed.get(body);
  if (!copies) {
    copies = {};
    packed.set(body, copies);
  }
  copies[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : gzipSync(body, { level: 9 });
  return { body: copies[encoding], encoding };
}
