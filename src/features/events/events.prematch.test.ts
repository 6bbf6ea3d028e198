import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';

// Pre-event matching: for each participating posting the matching engine's best candidates
// with reasons; staff invite them, the invitation is recorded with the message sent through
// notifications (template event_match_invitation), once per seeker and event.
const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

type Match = {
  postingId: string;
  title: string;
  employerName: string;
  candidates: { seekerId: string; score: number; reasons: { detail: string }[]; invited: boolean }[];
};

describe('pre-event matching and invitations', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const employer = await buildEmployer(t.db, centre.id, { name: '서구정밀' });
  const posting = await buildPosting(t.db, centre.id, employer.id, {
    title: '용접원 모집',
    occupation_code: '8241',
    keywords: ['용접'],
  });
  const notInEvent = await buildPosting(t.db, centre.id, employer.id, { title: '사무보조' });
  const seekers = await Promise.all(
    ['김용접', '이용접', '박용접'].map((name) =>
      buildSeeker(t.db, centre.id, { name, desired_occupations: ['8241'], keywords: ['용접'] }),
    ),
  );
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '금요채용마당',
      kind: 'weekly_fair',
      startsAt: at('2027-03-19', '14:00'),
      endsAt: at('2027-03-19', '16:00'),
      venue: '고용복지+센터 3층',
      published: true,
    }),
    201,
  );
  expectStatus(
    await staff.post(`/api/v1/events/${fair.id}/employers`, {
      employerId: employer.id,
      postingIds: [posting.id],
    }),
    201,
  );
  // The matching index follows changes through LISTEN: ask until the new seekers are in.
  async function matches(): Promise<Match[]> {
    const end = Date.now() + 3000;
    for (;;) {
      const items = expectStatus(await staff.get(`/api/v1/events/${fair.id}/matches?limit=10`), 200)
        .items as Match[];
      if ((items[0]?.candidates.length ?? 0) >= 3 || Date.now() > end) return items;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("lists each participating posting's candidates with reasons", async () => {
    const items = await matches();
    expect(items.map((i) => i.postingId)).toEqual([posting.id]);
    expect(items[0]).toMatchObject({ title: '용접원 모집', employerName: '서구정밀' });
    const ids = items[0]?.candidates.map((c) => c.seekerId) ?? [];
    for (const s of seekers) expect(ids).toContain(s.id);
    expect(items[0]?.candidates.every((c) => c.reasons.length > 0 && !c.invited)).toBe(true);
    expect((await outsider.get(`/api/v1/events/${fair.id}/matches`)).statusCode).toBe(404);
  });

  it('invites once, records the invitation and sends the message in the same transaction', async () => {
    const seeker = seekers[0] as { id: string };
    const inv = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/invitations`, {
        seekerId: seeker.id,
        postingId: posting.id,
        score: 80,
      }),
      201,
    );
    expect(inv).toMatchObject({ seekerId: seeker.id, postingId: posting.id, employerId: employer.id });
    const sent = await t.db
      .selectFrom('notifications')
      .select(['id', 'template_key', 'recipient_id', 'variables'])
      .where('id', '=', inv.notificationId)
      .executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ template_key: 'event_match_invitation', recipient_id: seeker.id });
    const vars = (typeof sent.variables === 'string' ? JSON.parse(sent.variables) : sent.variables) as Record<
      string,
      string
    >;
    expect(vars).toMatchObject({
      event: '금요채용마당',
      at: '2027-03-19 14:00',
      company: '서구정밀',
      posting: '용접원 모집',
    });
    expect(vars.link).toMatch(new RegExp(`/events/${fair.id}/invitation$`));
    const again = await staff.post(`/api/v1/events/${fair.id}/invitations`, {
      seekerId: seeker.id,
      postingId: posting.id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'invitation.duplicate',
      detail: '이미 이 채용행사에 초대한 구직자입니다.',
    });
    const wrong = await staff.post(`/api/v1/events/${fair.id}/invitations`, {
      seekerId: (seekers[1] as { id: string }).id,
      postingId: notInEvent.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json())).toContain('postingId');
    const list = expectStatus(await staff.get(`/api/v1/events/${fair.id}/invitations`), 200);
    expect(list.items.map((i: { seekerId: string }) => i.seekerId)).toEqual([seeker.id]);
    const after = await matches();
    const mark = after[0]?.candidates.find((c) => c.seekerId === seeker.id);
    expect(mark?.invited).toBe(true);
  });

  it('shows the matching desk with names and invites from it', async () => {
    const page = await staff.get(`/staff/events/${fair.id}/matches`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('서구정밀 · 용접원 모집');
    expect(page.body).toContain('이용접');
    expect(page.body).toContain('초대함');
    const target = (seekers[2] as { id: string }).id;
    const res = await staff.post(
      `/staff/events/${fair.id}/invite`,
      `seekerId=${target}&postingId=${posting.id}&score=70`,
      form,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('done=1');
    const twice = await staff.post(
      `/staff/events/${fair.id}/invite`,
      `seekerId=${target}&postingId=${posting.id}`,
      form,
    );
    expect(decodeURIComponent(twice.headers.location as string)).toContain('이미 이 채용행사에 초대한');
    expect((await staff.get(`/staff/events/${fair.id}`)).body).toContain(`/staff/events/${fair.id}/matches`);
  });
});
