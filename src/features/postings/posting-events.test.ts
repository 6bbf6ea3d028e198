import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { type PostingStep, postingEvent } from './posting-events.ts';

// Posting webhook events follow what a partner key with postings:read can read (open postings):
// posting.created when a posting first becomes readable, posting.updated for changes of a
// readable one, posting.closed when it stops being readable by closing — and nothing for
// drafts, pending, returned and rejected postings. No worker runs: the endpoint's delivery log
// is what partners would receive.

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
const centre = await t.centre('춘천고용센터', null, '51110');
const admin = await t.user('admin', null);
const counsellor = await t.user('counsellor', centre.id);
const employer = await buildEmployer(t.db, centre.id);
const employerUser = await t.user('employer', null, { employerId: employer.id });

const endpoint = expectStatus(
  await admin.post('/api/v1/webhooks', {
    url: 'http://127.0.0.1:9/postings',
    events: ['posting.created', 'posting.updated', 'posting.closed'],
    centreId: centre.id,
  }),
  201,
) as { id: string };
const partner = expectStatus(
  await admin.post('/api/v1/partners', {
    name: '춘천 협력대학',
    centreId: centre.id,
    scopes: ['postings:read'],
  }),
  201,
) as { key: string };
const partnerGet = (id: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/postings/${id}`,
    headers: { authorization: `Bearer ${partner.key}` },
  });

/** The event types sent for one posting so far, oldest first. */
async function eventsOf(postingId: string): Promise<string[]> {
  const log = expectStatus(
    await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries?pageSize=100`),
    200,
  ) as { items: { type: string; subjectId: string; createdAt: string }[] };
  return log.items
    .filter((d) => d.subjectId === postingId)
    .reverse()
    .map((d) => d.type);
}

const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const submit = async (title: string) =>
  expectStatus(
    await employerUser.post('/api/v1/postings', {
      employerId: employer.id,
      title,
      occupationCode: '8241',
      duties: '식품 포장 설비 운전',
      headcount: 1,
      employmentType: '10',
      wageType: 'M',
      wageMin: 2_600_000,
      regionCode: '51110',
      educationMin: '00',
      career: { type: 'Z' },
      closesAt: closes,
    }),
    201,
  ) as { id: string; status: string };

describe('posting webhook events follow what a partner can read', () => {
  it('submitted: nothing; approved: posting.created, readable by the key at that moment', async () => {
    const p = await submit('식품 포장 생산직');
    expect(p.status).toBe('pending');
    expect(await eventsOf(p.id)).toEqual([]);
    expectStatus(await partnerGet(p.id), 404);
    // An edit while pending: still nothing.
    expectStatus(await employerUser.patch(`/api/v1/postings/${p.id}`, { headcount: 2 }), 200);
    expect(await eventsOf(p.id)).toEqual([]);
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/approve`), 200);
    expect(await eventsOf(p.id)).toEqual(['posting.created']);
    expectStatus(await partnerGet(p.id), 200);
    // A counsellor's edit of the open posting: it stays open, posting.updated.
    expectStatus(await counsellor.patch(`/api/v1/postings/${p.id}`, { headcount: 3 }), 200);
    expect(await eventsOf(p.id)).toEqual(['posting.created', 'posting.updated']);
    // The employer's edit sends it back to pending: unreadable, nothing sent ...
    const edited = expectStatus(await employerUser.patch(`/api/v1/postings/${p.id}`, { headcount: 4 }), 200);
    expect(edited.status).toBe('pending');
    expectStatus(await partnerGet(p.id), 404);
    expect(await eventsOf(p.id)).toEqual(['posting.created', 'posting.updated']);
    // ... and its re-approval is an update of a posting partners already know, not a new one.
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/approve`), 200);
    expect(await eventsOf(p.id)).toEqual(['posting.created', 'posting.updated', 'posting.updated']);
    expectStatus(await partnerGet(p.id), 200);
    // Closing: posting.closed, and the posting is no longer there for the key.
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 200);
    expect(await eventsOf(p.id)).toEqual([
      'posting.created',
      'posting.updated',
      'posting.updated',
      'posting.closed',
    ]);
    expectStatus(await partnerGet(p.id), 404);
    // A closed posting's edit is not announced.
    expectStatus(await counsellor.patch(`/api/v1/postings/${p.id}`, { headcount: 5 }), 200);
    expect(await eventsOf(p.id)).toHaveLength(4);
  });

  it('reject and return send nothing; a returned posting resubmitted and approved is created then', async () => {
    const rejected = await submit('반려될 공고');
    expectStatus(
      await counsellor.post(`/api/v1/postings/${rejected.id}/reject`, { reason: '근로조건 불명확' }),
      200,
    );
    expect(await eventsOf(rejected.id)).toEqual([]);
    const returned = await submit('보완 요청될 공고');
    expectStatus(
      await counsellor.post(`/api/v1/postings/${returned.id}/request-changes`, { reason: '직무 내용 보완' }),
      200,
    );
    expectStatus(await employerUser.patch(`/api/v1/postings/${returned.id}`, { headcount: 2 }), 200);
    expect(await eventsOf(returned.id)).toEqual([]);
    expectStatus(await counsellor.post(`/api/v1/postings/${returned.id}/approve`), 200);
    expect(await eventsOf(returned.id)).toEqual(['posting.created']);
  });

  it('a counsellor saving an open posting sends posting.created; an outreach draft opened does too', async () => {
    const saved = expectStatus(
      await counsellor.post('/api/v1/postings', {
        employerId: employer.id,
        title: '상담사 등록 공고',
        occupationCode: '8241',
        duties: '식품 포장 설비 운전',
        headcount: 1,
        employmentType: '10',
        wageType: 'M',
        wageMin: 2_600_000,
        regionCode: '51110',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: closes,
      }),
      201,
    ) as { id: string };
    expect(await eventsOf(saved.id)).toEqual(['posting.created']);
    const draft = await buildPosting(t.db, centre.id, employer.id, { closes_at: closes });
    await t.db
      .updateTable('postings')
      .set({ status: 'draft', source: 'outreach', approved_at: null, approved_by: null })
      .where('id', '=', draft.id)
      .execute();
    expectStatus(await counsellor.patch(`/api/v1/postings/${draft.id}`, { headcount: 2 }), 200);
    expect(await eventsOf(draft.id)).toEqual([]);
    expectStatus(await counsellor.post(`/api/v1/postings/${draft.id}/approve`), 200);
    expect(await eventsOf(draft.id)).toEqual(['posting.created']);
    expectStatus(await partnerGet(draft.id), 200);
  });

  it('decides every status move in one function', () => {
    const step = (before: PostingStep['before'], after: PostingStep['after'], wasOpen = false) =>
      postingEvent({ before, after, closesAt: closes, wasOpen });
    expect(step(null, 'open')).toBe('posting.created');
    expect(step(null, 'pending')).toBeNull();
    expect(step('pending', 'open')).toBe('posting.created');
    expect(step('pending', 'open', true)).toBe('posting.updated');
    expect(step('open', 'open', true)).toBe('posting.updated');
    expect(step('expired', 'open', true)).toBe('posting.updated');
    for (const end of ['closed', 'filled', 'expired'] as const)
      expect(step('open', end, true)).toBe('posting.closed');
    expect(step('open', 'pending', true)).toBeNull();
    expect(step('pending', 'rejected')).toBeNull();
    expect(step('pending', 'returned')).toBeNull();
    expect(step('pending', 'closed')).toBeNull();
    expect(step('expired', 'closed', true)).toBeNull();
    expect(step('closed', 'closed', true)).toBeNull();
    // past its closing day an open posting is not readable: no created or updated for it,
    // and its closing is still news (the nightly expiry has not told partners yet)
    const today = '2026-12-12';
    const past = (before: PostingStep['before'], after: PostingStep['after'], wasOpen = false) =>
      postingEvent({ before, after, closesAt: '2026-12-11', wasOpen }, today);
    expect(past(null, 'open')).toBeNull();
    expect(past('open', 'open', true)).toBeNull();
    expect(past('pending', 'open', true)).toBeNull();
    for (const end of ['closed', 'filled', 'expired'] as const)
      expect(past('open', end, true)).toBe('posting.closed');
    expect(postingEvent({ before: 'open', after: 'open', closesAt: today, wasOpen: true }, today)).toBe(
      'posting.updated',
    );
  });

  it('an open posting past its closing day, not yet expired by the nightly job, is not announced while partners get 404', async () => {
    const p = await submit('마감일 지난 공고');
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/approve`), 200);
    const yesterday = new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await t.db.updateTable('postings').set({ closes_at: yesterday }).where('id', '=', p.id).execute();
    expectStatus(await partnerGet(p.id), 404);
    const edited = expectStatus(await counsellor.patch(`/api/v1/postings/${p.id}`, { headcount: 2 }), 200);
    expect(edited.status).toBe('expired');
    expect(await eventsOf(p.id)).toEqual(['posting.created']);
    // a new closing day makes it readable again: partners hear of it as an update
    expectStatus(await counsellor.patch(`/api/v1/postings/${p.id}`, { closesAt: closes }), 200);
    expectStatus(await partnerGet(p.id), 200);
    expect(await eventsOf(p.id)).toEqual(['posting.created', 'posting.updated']);
    // past its day again, then closed by hand before the nightly job: partners are told it closed
    await t.db.updateTable('postings').set({ closes_at: yesterday }).where('id', '=', p.id).execute();
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 200);
    expect(await eventsOf(p.id)).toEqual(['posting.created', 'posting.updated', 'posting.closed']);
  });
});
