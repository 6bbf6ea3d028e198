import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';

/** Deeper than any body the API describes; deeper input is refused before anything walks it. */
export const MAX_DEPTH = 32;

/** What is wrong with a piece of input, and where. */
export interface BadInput {
  field: string;
  reason: 'character' | 'depth';
}

/**
 * True for text PostgreSQL can store and UTF-8 can encode: no U+0000 and no lone surrogate
 * (`"\ud800"` in JSON parses to a string that no encoder can write, and pg would save U+FFFD).
 */
export function isStorableText(s: string): boolean {
  // String.prototype.isWellFormed (Node 20+; the project's TypeScript lib predates it).
  return !s.includes('\u0000') && (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function child(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first string (or object key) in parsed input that cannot be stored, or the first place
 * nested deeper than MAX_DEPTH, named the way the API names fields (`desired.occupations[0]`).
 * Iterative, so a hostile nesting depth cannot overflow the stack.
 */
export function findBadInput(value: unknown, root = ''): BadInput | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { field: path, reason: 'character' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    // Only parsed data: a streamed body (CSV imports) is checked by its own reader.
    // (The query parser's objects have a prototype that is itself prototype-less.)
    const proto = Object.getPrototypeOf(v);
    const plain = proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
    if (!Array.isArray(v) && !plain) continue;
    if (depth >= MAX_DEPTH) return { field: path, reason: 'depth' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], child(path, i), depth + 1]);
      continue;
    }
    for (const [k, item] of Object.entries(v)) {
      if (!isStorableText(k)) return { field: path, reason: 'character' };
      stack.push([item, child(path, k), depth + 1]);
    }
  }
  return null;
}

/** The 400 for unstorable text: field-named, with the stable code `input.invalidCharacter`. */
export function badInputError(bad: BadInput, fallback: string): DomainError {
  const key = bad.reason === 'depth' ? 'field.tooDeep' : 'field.invalidCharacter';
  const code = bad.reason === 'depth' ? 'input.tooDeep' : 'input.invalidCharacter';
  return new DomainError('validation', key, {}, [{ field: bad.field || fallback, key }], { code });
}

/**
 * preValidation hook of every route (SECURITY.md 30): parameters, query and body are checked
 * for NUL, lone surrogates and runaway nesting before schemas, handlers or the database see
 * them. Page routes turn the error into an HTML page through their own error handler.
 */
export async function refuseBadInput(req: FastifyRequest, _reply: FastifyReply) {
  for (const [part, value] of [
    ['params', req.params],
    ['query', req.query],
    ['body', req.body],
  ] as const) {
    if (value === undefined || value === null) continue;
    const bad = findBadInput(value);
    if (bad) throw badInputError(bad, part);
  }
}

/**
 * Decodes a request body as UTF-8, refusing invalid byte sequences instead of silently turning
 * them into U+FFFD (what `Buffer.toString` would do).
 */
export function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new DomainError(
      'validation',
      'error.invalidUtf8',
      {},
      [{ field: 'body', key: 'error.invalidUtf8' }],
      {
        code: 'input.invalidUtf8',
      },
    );
  }
}
