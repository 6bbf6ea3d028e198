import { describe, expect, it } from 'vitest';
import { centreInScope } from '../../src/features/accounts/centres.service.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { expectStatus, testApp } from '../support/app.ts';

// An admin's scope is every centre, so "in scope" alone let a made-up centre id through to the
// insert, whose foreign key answered 500 (the fuzz test found it on POST /departments).
const t = await testApp();
const centre = await t.centre('실재센터');
const admin = await t.user('admin', null);

describe('a record filed under a centre that does not exist', () => {
  it('answers 404 naming no centre, and files under a real one', async () => {
    const res = await admin.post('/api/v1/departments', { name: '건축과', centreId: uuidv7() });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expectStatus(await admin.post('/api/v1/departments', { name: '건축과', centreId: centre.id }), 201);
  });

  it('is out of scope for everyone, in scope for an admin only when it exists', async () => {
    const adminActor = { centreScope: null } as unknown as Parameters<typeof centreInScope>[1];
    const staffActor = { centreScope: [centre.id] } as unknown as Parameters<typeof centreInScope>[1];
    expect(await centreInScope(t.db, adminActor, centre.id)).toBe(true);
    expect(await centreInScope(t.db, adminActor, uuidv7())).toBe(false);
    expect(await centreInScope(t.db, staffActor, centre.id)).toBe(true);
    expect(await centreInScope(t.db, staffActor, uuidv7())).toBe(false);
  });
});
