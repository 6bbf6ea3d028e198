import { describe, expect, it } from 'vitest';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { type Client, expectStatus, testApp } from '../support/app.ts';

// SECURITY.md 2: a user of centre B gets nothing of centre A's seekers, notes, referrals or
// posting drafts through any endpoint, ids ±1 included — unless the seeker consented to share
// with the partner network. Routes are taken from the OpenAPI document, so new routes with an
// id of these kinds are probed without editing this file.
const t = await testApp();
const province = await t.centre('광역 일자리센터');
const centreA = await t.centre('A 일자리센터', province.id);
const centreB = await t.centre('B 일자리센터', province.id);
const counsellorA = await t.user('counsellor', centreA.id);

function seekerBody(name: string, phone: string, share: boolean) {
  return {
    name,
    birthDate: '1988-03-15',
    phone,
    regionCode: '11140',
    educationLevel: '03',
    desired: {
      occupations: ['5311'],
      regions: ['11140'],
      employmentTypes: ['10'],
      wageType: 'M',
      wageMin: 2300000,
    },
    keywords: ['요양', '성실'],
    consent: { shareWithNetwork: share, sensitive: false },
  };
}

const privateSeeker = expectStatus(
  await counsellorA.post('/api/v1/seekers', seekerBody('김비공', '010-2000-0001', false)),
  201,
);
const sharedSeeker = expectStatus(
  await counsellorA.post('/api/v1/seekers', seekerBody('이공유', '010-2000-0002', true)),
  201,
);
const note = expectStatus(
  await counsellorA.post(`/api/v1/seekers/${privateSeeker.id}/counselling`, {
    at: new Date().toISOString(),
    channel: 'visit',
    type: 'intake',
    notes: '초기 상담: 요양보호사 자격 취득 희망',
  }),
  201,
);
const employer = expectStatus(
  await counsellorA.post('/api/v1/employers', {
    name: '(주)에이요양',
    bizRegNo: withBizRegCheckDigit('301811234'),
    regionCode: '11140',
    contacts: [{ name: '박담당', phone: '02-123-4567', email: 'hr@example.kr' }],
  }),
  201,
);
const posting = {
  employerId: employer.id,
  title: '요양보호사 모집',
  occupationCode: '5311',
  duties: '어르신 돌봄 업무',
  headcount: 2,
  employmentType: '10',
  wageType: 'M',
  wageMin: 2300000,
  regionCode: '11140',
  educationMin: '00',
  career: { type: 'Z' },
  closesAt: new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10),
};
const otherEmployer = expectStatus(
  await (await t.user('counsellor', centreB.id)).post('/api/v1/employers', {
    name: '비센터물류(주)',
    bizRegNo: withBizRegCheckDigit('402811234'),
    regionCode: '11140',
  }),
  201,
);
const openPosting = expectStatus(await counsellorA.post('/api/v1/postings', posting), 201);
const employerUser = await t.user('employer', centreA.id, { employerId: employer.id });
const draft = expectStatus(
  await employerUser.post('/api/v1/postings', { ...posting, title: '검토 중 공고' }),
  201,
);
const referral = expectStatus(
  await counsellorA.post('/api/v1/referrals', { seekerId: privateSeeker.id, postingId: openPosting.id }),
  201,
);

const secrets = [privateSeeker.id, note.id, draft.id, referral.id];

/** Ids that differ from a real id in the last hex digit (the "±1" probe). */
function neighbours(id: string): string[] {
  const last = Number.parseInt(id.slice(-1), 16);
  return [(last + 1) % 16, (last + 15) % 16].map((n) => id.slice(0, -1) + n.toString(16));
}

const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Record<string, unknown>>;
};
const getRoutes = Object.entries(spec.paths)
  .filter(
    ([p, m]) =>
      'get' in m && /\{id\}/.test(p) && /^\/api\/v1\/(seekers|referrals|counselling|employments)/.test(p),
  )
  .map(([p]) => p);

describe('centre scoping', () => {
  it('finds routes to probe', () => {
    expect(getRoutes.length).toBeGreaterThan(3);
  });

  it.each(['counsellor', 'manager', 'outreach', 'employer', 'seeker'] as const)(
    'a %s of centre B gets no seeker, note, referral or draft of centre A',
    async (role) => {
      // An employer user of centre B belongs to another company: employers see referrals to their
      // own postings only (they answer them), never another company's.
      const b: Client = await t.user(
        role,
        centreB.id,
        role === 'employer' ? { employerId: otherEmployer.id } : {},
      );
      for (const route of getRoutes) {
        for (const id of [
          privateSeeker.id,
          ...neighbours(privateSeeker.id),
          referral.id,
          ...neighbours(referral.id),
        ]) {
          const res = await b.get(route.replace('{id}', id));
          expect([401, 403, 404], `${role} ${route} ${id} → ${res.statusCode}`).toContain(res.statusCode);
        }
      }
      for (const list of [
        '/api/v1/seekers',
        `/api/v1/referrals?seekerId=${privateSeeker.id}`,
        '/api/v1/postings?status=pending',
      ]) {
        const res = await b.get(list);
        for (const secret of secrets) expect(res.body, `${role} ${list}`).not.toContain(secret);
      }
      const direct = await b.get(`/api/v1/postings/${draft.id}`);
      expect([401, 403, 404]).toContain(direct.statusCode);
      const notes = await b.get(`/api/v1/seekers/${privateSeeker.id}/counselling`);
      expect([401, 403, 404]).toContain(notes.statusCode);
    },
  );

  it('a consented seeker is visible across the network, and not after withdrawal', async () => {
    const b = await t.user('counsellor', centreB.id);
    expectStatus(await b.get(`/api/v1/seekers/${sharedSeeker.id}`), 200);
    const consents = expectStatus(await counsellorA.get(`/api/v1/seekers/${sharedSeeker.id}/consents`), 200);
    const share = consents.items.find(
      (c: { kind: string; withdrawnAt: string | null }) => c.kind === 'share_network' && !c.withdrawnAt,
    );
    expectStatus(
      await counsellorA.post(`/api/v1/seekers/${sharedSeeker.id}/consents/${share.id}/withdraw`, {}),
      200,
    );
    expect((await b.get(`/api/v1/seekers/${sharedSeeker.id}`)).statusCode).toBe(404);
  });

  it('a province manager sees the centres below it', async () => {
    const m = await t.user('manager', province.id);
    expectStatus(await m.get(`/api/v1/seekers/${privateSeeker.id}`), 200);
  });

  it('client-sent centreId on a seeker is not honoured', async () => {
    const res = await counsellorA.post('/api/v1/seekers', {
      ...seekerBody('정소속', '010-2000-0003', false),
      centreId: centreB.id,
    });
    if (res.statusCode === 201) expect(res.json().centreId).toBe(centreA.id);
    else expect(res.statusCode).toBe(400);
  });
});
