import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';

// Issue 13 / issue 23 item 9: the OpenAPI document says, for every operation, who may call it,
// its id, and every status it can answer — errors as application/problem+json with the one
// Problem schema. (The fuzz test then checks each status it meets is listed.)

const t = await testApp();

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    name: `${method.toUpperCase()} ${path}`,
    method,
    path,
    op,
  })),
);
const api = operations.filter((o) => o.path.startsWith('/api/v1/'));
const isPublic = (o: (typeof api)[number]) => Array.isArray(o.op.security) && o.op.security.length === 0;

/** Routes whose own rules add statuses beyond those of their shape. */
const extra: Record<string, number[]> = {
  'POST /api/v1/auth/login': [401],
  'POST /api/v1/seekers': [409],
  'POST /api/v1/employers': [409],
  'POST /api/v1/referrals': [409],
  'POST /api/v1/employments': [409],
  'POST /api/v1/seekers/{id}/status': [409],
  'POST /api/v1/referrals/{id}/status': [409],
  'POST /api/v1/imports/{kind}': [413],
  'POST /api/v1/imports/worknet-postings': [413],
};

describe('the OpenAPI document', () => {
  it('has an operationId on every operation, each unique', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares security on every operation: session cookie or bearer, public ones none', () => {
    for (const o of api) {
      expect(o.op.security, o.name).toBeDefined();
      if (!isPublic(o)) expect(o.op.security?.slice(0, 2), o.name).toEqual([{ session: [] }, { bearer: [] }]);
    }
    // A partner API key is listed, with the scope it needs, where a scope grants the operation.
    const scoped = (name: string) => api.find((o) => o.name === name)?.op.security?.[2];
    expect(scoped('POST /api/v1/postings')).toEqual({ partnerKey: ['postings:write'] });
    expect(scoped('POST /api/v1/referrals')).toEqual({ partnerKey: ['referrals:write'] });
    expect(scoped('GET /api/v1/seekers')).toEqual({ partnerKey: ['seekers:read_consented'] });
    expect(scoped('GET /api/v1/users')).toBeUndefined();
    const publicOnes = api.filter(isPublic).map((o) => o.name);
    expect(publicOnes).toContain('POST /api/v1/auth/login');
    expect(publicOnes).toContain('POST /api/v1/portal/register');
    expect(publicOnes).not.toContain('GET /api/v1/seekers');
  });

  it('lists every status an operation can answer', () => {
    const missing: string[] = [];
    for (const o of api) {
      const need = [400];
      if (!isPublic(o)) need.push(401, 403);
      if (/\{\w+\}/.test(o.path)) need.push(404);
      if (o.op.requestBody) need.push(413, 415);
      need.push(...(extra[o.name] ?? []));
      for (const s of need) if (!o.op.responses[s]) missing.push(`${o.name} ${s}`);
    }
    expect(missing).toEqual([]);
  });

  it('documents errors as application/problem+json with the Problem schema', () => {
    expect(spec.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    });
    for (const o of api) {
      for (const [status, r] of Object.entries(o.op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(r.content ?? {}), `${o.name} ${status}`).toEqual(['application/problem+json']);
        expect(r.content!['application/problem+json']!.schema!.$ref).toBe('#/components/schemas/Problem');
      }
    }
  });

  it('describes the CSV and XML request bodies of the imports', () => {
    const csv = spec.paths['/api/v1/imports/{kind}']!.post!.requestBody!.content;
    expect(Object.keys(csv)).toContain('text/csv');
    const xml = spec.paths['/api/v1/imports/worknet-postings']!.post!.requestBody!.content;
    expect(Object.keys(xml)).toEqual(['application/xml', 'text/xml']);
  });

  it('a problem answered at run time has the documented shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/seekers' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(res.json())).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']),
    );
  });
});
