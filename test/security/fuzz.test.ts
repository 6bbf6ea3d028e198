import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';

// SECURITY.md 18: generated requests against every route of the OpenAPI document → no 5xx and
// every error is problem+json. Routes added later are covered without editing this file.
// CI runs ILTEO_FUZZ_RUNS per operation (default 60); the full audit uses 10000.
const runs = Number(process.env.ILTEO_FUZZ_RUNS ?? 60);
const t = await testApp();
const admin = await t.user('admin', null);
const centre = await t.centre();
const counsellor = await t.user('counsellor', centre.id);

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    "'; DROP TABLE seekers;--",
    '<script>alert(1)</script>',
    '９９',
    '🙂'.repeat(20),
    // Text PostgreSQL cannot store or UTF-8 cannot encode (SECURITY.md 30): 400, never 500.
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.uuid().map(String),
  fc.integer().map(String),
  fc.constant('00000000-0000-0000-0000-000000000000'),
);

/** Values that fit the schema most of the time, and wrong types, huge strings and Unicode otherwise. */
function arb(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    nasty,
    fc.constant(null),
    // Wrong types the contract rules out, and nesting deeper than any body the API describes.
    fc.constantFrom('text-for-an-array', 12345, true, { a: 1 }),
    fc.integer({ min: 20, max: 200 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown),
  );
  if (!s || depth > 4) return wrong;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => arb(v, depth + 1)), wrong);
  if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), wrong);
  if (s.const !== undefined) return fc.oneof(fc.constant(s.const), wrong);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  let good: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = arb(v, depth + 1);
      good = fc.record(shape, { requiredKeys: [] });
      break;
    }
    case 'array':
      good = fc.array(arb(s.items, depth + 1), { maxLength: 5 });
      break;
    case 'integer':
      good = fc.integer({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9 });
      break;
    case 'number':
      good = fc.double({ noNaN: true });
      break;
    case 'boolean':
      good = fc.boolean();
      break;
    case 'string':
      good = s.pattern
        ? fc.stringMatching(new RegExp(s.pattern))
        : fc.string({ maxLength: s.maxLength ?? 50 });
      break;
    default:
      good = fc.jsonValue({ maxDepth: 2 });
  }
  return fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: wrong });
}

const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
};
const skip = new Set(['POST /api/v1/auth/logout']);

/** Any generated value as URL text, including objects whose toString is not callable. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? 'x';
  } catch {
    return 'x';
  }
}
/**
 * A path segment as a client would send it; a lone surrogate (which encodeURIComponent
 * refuses) goes as the bytes a careless encoder writes for it, which are not UTF-8.
 */
function urlPart(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

const operations = Object.entries(spec.paths).flatMap(([p, methods]) =>
  Object.entries(methods)
    .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, op]) => ({ method: m.toUpperCase(), path: p, op }))
    .filter((o) => !skip.has(`${o.method} ${o.path}`)),
);

describe('fuzz every API route', () => {
  it('has routes to fuzz', () => {
    expect(operations.length).toBeGreaterThan(10);
  });

  it.each(operations)(
    '$method $path',
    async ({ method, path: route, op }) => {
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            path: fc.record(
              Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, arb(p.schema)])),
            ),
            query: fc.record(
              Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, arb(p.schema)])),
              { requiredKeys: [] },
            ),
            body: op.requestBody ? arb(bodySchema) : fc.constant(undefined),
            who: fc.constantFrom('admin', 'counsellor', 'anonymous'),
            raw: fc.option(nasty, { freq: 8 }),
          }),
          async ({ path: pv, query, body, who, raw }) => {
            const url = route.replace(/\{(\w+)\}/g, (_, n: string) => urlPart(text(pv[n] ?? 'x')));
            const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, text(v)])).toString();
            const client = who === 'admin' ? admin : who === 'counsellor' ? counsellor : null;
            const res = await t.app.inject({
              method: method as 'GET',
              url: qs ? `${url}?${qs}` : url,
              cookies: client ? { ilteo_session: client.cookie } : {},
              headers: {
                ...(client ? { 'x-csrf-token': client.csrf } : {}),
                ...(raw !== null ? { 'content-type': 'application/json' } : {}),
              },
              ...(method === 'GET' || method === 'DELETE'
                ? {}
                : raw !== null
                  ? { payload: text(raw) }
                  : body !== undefined
                    ? {
                        payload: JSON.stringify(body),
                        headers: {
                          'content-type': 'application/json',
                          ...(client ? { 'x-csrf-token': client.csrf } : {}),
                        },
                      }
                    : {}),
            });
            if (res.statusCode >= 500)
              throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body.slice(0, 500)}`);
            // Issue 13: every status an operation answers is in its OpenAPI description.
            expect(
              Object.keys(op.responses ?? {}),
              `${method} ${route} answered ${res.statusCode}`,
            ).toContain(String(res.statusCode));
            if (res.statusCode >= 400) {
              expect(res.headers['content-type'], `${method} ${url} ${res.statusCode}`).toContain(
                'application/problem+json',
              );
              const p = res.json();
              expect(p.status).toBe(res.statusCode);
              expect(Array.isArray(p.errors)).toBe(true);
            }
          },
        ),
        { numRuns: runs },
      );
    },
    120_000,
  );
});
