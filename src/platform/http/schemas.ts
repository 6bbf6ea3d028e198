import { type TSchema, Type } from 'typebox';
import { uuidPattern } from '../ids.ts';

/** Shared TypeBox pieces so every feature writes lists, ids and errors the same way. */
export const Uuid = Type.String({ pattern: uuidPattern, description: 'UUID' });
export const IdParams = Type.Object({ id: Uuid });
// format 'date' (ajv-formats, full mode) rejects days that do not exist, such as 2026-02-30.
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** `T` or null, as a response field. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * The body of a paged list route: takes `page`/`pageSize` off the query, asks `list` for that
 * window with the remaining filters, and answers `{ items, total, page, pageSize }`.
 */
export async function listPage<Q extends { page?: number; pageSize?: number }, R extends object>(
  query: Q,
  list: (o: Omit<Q, 'page' | 'pageSize'> & { offset: number; limit: number }) => Promise<R>,
): Promise<R & { page: number; pageSize: number }> {
  const p = pageOf(query);
  const { page: _p, pageSize: _s, ...filters } = query;
  const r = await list({ ...filters, offset: p.offset, limit: p.pageSize });
  return { ...r, page: p.page, pageSize: p.pageSize };
}

export function pageOf(q: { page?: number; pageSize?: number }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 100);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'stable and specific: referral.notFound, auth.locked, validation' }),
    errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  },
  { additionalProperties: true },
);

/**
 * Things the user should know about a saved record (e.g. a 주민등록번호 masked in a free-text
 * field). Services return them as field problems; server.ts translates them on the way out.
 */
export const Warnings = Type.Optional(
  Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
);

/** Standard error responses to list in a route's schema. */
export const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/** The client's address for the access log. */
export function clientIp(req: { ip: string }): string {
  return req.ip;
}
