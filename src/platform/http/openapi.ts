import type { FastifyInstance, RouteOptions } from 'fastify';
import { type Permission, partnerScopeFor } from '../access/policy.ts';
import { ProblemSchema } from './schemas.ts';

/** The one Problem schema of the document (components.schemas.Problem). */
export const PROBLEM_ID = 'Problem';

const problemRef = { $ref: `${PROBLEM_ID}#` };

/** Registers the Problem schema so the OpenAPI document names it once. */
export function registerProblemSchema(app: FastifyInstance) {
  app.addSchema({ ...ProblemSchema, $id: PROBLEM_ID });
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What each error status means in this API (the document's response descriptions). */
const meaning: Record<number, string> = {
  400: '입력 오류 / validation failed (errors name the fields)',
  401: '로그인 필요 / authentication required',
  403: '권한 없음, CSRF 토큰 오류 / not permitted or CSRF token missing',
  404: '없음 또는 접근 범위 밖 / not found or outside your scope',
  409: '충돌 / conflicts with existing data',
  413: '요청이 너무 큼 / body too large',
  414: '주소가 너무 김 / URL too long',
  415: '지원하지 않는 형식 / unsupported media type',
  423: '잠김 / locked',
  429: '요청이 너무 많음 / too many requests',
  503: '일시적으로 사용할 수 없음 / temporarily unavailable',
};

/**
 * Error responses a route can give beyond those every route of its kind gives (which
 * describeOperation adds by itself): `response: { 200: X, ...errorResponses(409) }`.
 */
export function errorResponses(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}

/**
 * The statuses any route answers by its shape alone: 400 and 414 everywhere (bad characters in
 * the query, a malformed or over-long URL are refused on every route), 401/403 unless public (403 also for a
 * missing CSRF token on any state change), 404 with a path parameter, 413/415 with a body.
 */
export function derivedStatuses(o: {
  method: string;
  url: string;
  isPublic: boolean;
  hasBody: boolean;
}): number[] {
  const out = [400, 414];
  if (!o.isPublic) out.push(401, 403);
  else if (unsafe.has(o.method)) out.push(403);
  if (/[:{]/.test(o.url)) out.push(404);
  if (o.hasBody) out.push(413, 415);
  return out;
}

/** `post /api/v1/seekers/{id}/status` → `postSeekersByIdStatus`; unique per method and path. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => {
      const param = /^[:{](\w+)\}?$/.exec(seg);
      if (param) return ['by', param[1]!];
      return seg.split(/[^A-Za-z0-9]+/).filter(Boolean);
    });
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

type Schema = Record<string, unknown> & {
  response?: Record<string, unknown>;
  consumes?: string[];
  body?: unknown;
};

/**
 * @fastify/swagger `transform`: documents every operation the same way without each route
 * repeating it — an operationId, its security (session cookie or bearer token; public routes
 * `security: []`), every error status it can answer as `application/problem+json` with the
 * Problem schema, and a raw request body for routes that read CSV or XML (`consumes`).
 * Only the document changes; validation and serialisation keep the route's own schema.
 */
export function describeOperation({
  schema,
  url,
  route,
}: {
  schema: unknown;
  url: string;
  route: RouteOptions;
}) {
  const s = { ...((schema ?? {}) as Schema) };
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method);
  const config = (route.config ?? {}) as { public?: boolean; permission?: Permission };
  const isPublic = config.public === true || !url.startsWith('/api/v1/');
  s.operationId ??= operationIdOf(method, url);
  // A partner API key reaches an operation only with the scope its permission maps to
  // (policy.ts); the document names it, and such operations may answer 429 past the key's rate.
  const scope = !isPublic && config.permission ? partnerScopeFor(config.permission) : null;
  s.security ??= isPublic
    ? []
    : [{ session: [] }, { bearer: [] }, ...(scope ? [{ partnerKey: [scope] }] : [])];
  if (scope) s['x-partner-scope'] = scope;
  if (!s.body && s.consumes?.length) {
    s.body = { type: 'string', description: `Raw ${s.consumes.join(' / ')} document` };
  }
  const hasBody = Boolean(s.body) || unsafe.has(method);
  const response: Record<string, unknown> = {};
  for (const [status, value] of Object.entries(s.response ?? { 200: { description: 'OK' } })) {
    response[status] = Number(status) >= 400 ? problemResponse(Number(status)) : value;
  }
  if (url.startsWith('/api/')) {
    for (const st of derivedStatuses({ method, url, isPublic, hasBody: hasBody && method !== 'DELETE' })) {
      response[st] ??= problemResponse(st);
    }
    if (scope) response[429] ??= problemResponse(429);
  }
  s.response = response;
  return { schema: s, url };
}

function problemResponse(status: number) {
  return {
    description: meaning[status] ?? 'Error',
    content: { 'application/problem+json': { schema: problemRef } },
  };
}
