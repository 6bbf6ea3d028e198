import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';

// A counsellor enrols a seeker from the programme's desk page: found by the seekers search box
// (phone, its last four digits, name), with a place or on the waiting list, refused clearly
// (already enrolled, not visible, ended programme, no CSRF token) with nothing saved; and an
// enrolment cancelled from the roster passes its place to the next person waiting.
const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('enrolling from the programme desk', async () => {
  const centre = await t.centre('광명시일자리센터 등록');
  const other = await t.centre('시흥시일자리센터 등록');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const seeker = async (name: string, phone: string, by = staff) =>
    expectStatus(await by.post('/api/v1/seekers', buildSeeker({ name, phone })), 201) as {
      id: string;
      registrationNo: string;
    };
  const kim = await seeker('김하늘', '010-3141-5926');
  const lee = await seeker('이바다', '010-2718-2818');
  const park = await seeker('박구름', '010-1618-0339');
  const hidden = await seeker('정비밀', '010-5772-1566', outsider);
  const start = new Date(Date.now() + 14 * 86_400_000);
  const programme = async (capacity: number, sessionStart = start) =>
    expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '취업성공 사관학교 등록 시험기',
        kind: 'course',
        format: 'offline',
        venue: '광명시 평생학습원 3층',
        capacity,
        sessions: [
          {
            startsAt: sessionStart.toISOString(),
            endsAt: new Date(sessionStart.getTime() + 10_800_000).toISOString(),
          },
        ],
        published: true,
      }),
      201,
    ) as { id: string };
  const post = (path: string, body: Record<string, string>, client = staff) =>
    client.post(path, new URLSearchParams({ _csrf: client.csrf, ...body }).toString(), form);
  const live = async (programmeId: string) =>
    (
      expectStatus(await staff.get(`/api/v1/programmes/${programmeId}/enrolments`), 200).items as {
        seekerId: string;
        status: string;
      }[]
    ).map((e) => [e.seekerId, e.status]);

  it('finds a seeker by phone, enrols them with a place, then the next on the waiting list', async () => {
    const p = await programme(1);
    const found = await staff.get(`/staff/programmes/${p.id}?find=${encodeURIComponent('010 3141 5926')}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('참가자 등록');
    expect(found.body).toContain('김하늘');
    expect(found.body).toContain(kim.registrationNo);
    expect(found.body).toContain(`value="${kim.id}"`);
    expect(found.body).not.toContain('이바다');
    const ok = await post(`/staff/programmes/${p.id}/enrolments`, {
      seekerId: kim.id,
      find: '010 3141 5926',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('김하늘님을 참가 확정으로 등록했습니다.');
    expect(ok.body).toMatch(/참가자 명단[\s\S]*김하늘[\s\S]*참가 확정/);
    expect(await live(p.id)).toEqual([[kim.id, 'registered']]);
    // The last four digits find her again, now marked as enrolled (no second button).
    const again = await staff.get(`/staff/programmes/${p.id}?find=5926`);
    expect(again.body).toContain('이미 신청함: 참가 확정');
    expect(again.body).not.toContain(`name="seekerId" value="${kim.id}"`);
    // Full: the next one goes on the waiting list, and the page says so.
    const wait = await post(`/staff/programmes/${p.id}/enrolments`, { seekerId: lee.id, find: '이바다' });
    expect(wait.statusCode).toBe(200);
    expect(wait.body).toContain('정원이 차서 이바다님을 대기자로 등록했습니다(대기 1번)');
    expect(await live(p.id)).toEqual([
      [kim.id, 'registered'],
      [lee.id, 'waitlisted'],
    ]);
  });

  it('refuses clearly and saves nothing: already enrolled, not visible, no CSRF token, ended', async () => {
    const p = await programme(5);
    expect((await post(`/staff/programmes/${p.id}/enrolments`, { seekerId: park.id })).statusCode).toBe(200);
    const dup = await post(`/staff/programmes/${p.id}/enrolments`, { seekerId: park.id, find: '박구름' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('이 구직자는 이미 이 프로그램에 신청되어 있습니다');
    expect(dup.body).toContain('value="박구름"');
    // Another centre's seeker without a sharing consent: not found by the box, refused by id.
    const search = await staff.get(`/staff/programmes/${p.id}?find=010-5772-1566`);
    expect(search.body).not.toContain('정비밀');
    expect(search.body).toContain('찾는 구직자가 없습니다.');
    // An entry the search index cannot use lists no one (not everyone).
    for (const junk of ['!!!', 'x'.repeat(60)]) {
      const none = await staff.get(`/staff/programmes/${p.id}?find=${encodeURIComponent(junk)}`);
      expect(none.body).toContain('찾는 구직자가 없습니다.');
      expect(none.body).not.toContain('김하늘');
    }
    for (const seekerId of [hidden.id, 'not-an-id']) {
      const r = await post(`/staff/programmes/${p.id}/enrolments`, { seekerId });
      expect(r.statusCode).toBe(404);
      expect(r.body).toContain('이 구직자를 찾을 수 없거나 등록할 권한이 없습니다');
    }
    // A form posted without the CSRF token is refused.
    const forged = await staff.post(
      `/staff/programmes/${p.id}/enrolments`,
      new URLSearchParams({ seekerId: kim.id }).toString(),
      { ...form, 'x-csrf-token': '' },
    );
    expect(forged.statusCode).toBe(403);
    // Staff of another centre do not reach the programme's desk at all.
    expect(
      (await post(`/staff/programmes/${p.id}/enrolments`, { seekerId: hidden.id }, outsider)).statusCode,
    ).toBe(404);
    expect(await live(p.id)).toEqual([[park.id, 'registered']]);
    // An ended programme: the section says so, and a posted enrolment is refused.
    const past = await programme(5, new Date(Date.now() - 3 * 86_400_000));
    const desk = await staff.get(`/staff/programmes/${past.id}?find=김하늘`);
    expect(desk.body).toContain('끝난 프로그램이라 참가자를 더 등록할 수 없습니다.');
    expect(desk.body).not.toContain(`value="${kim.id}"`);
    const late = await post(`/staff/programmes/${past.id}/enrolments`, { seekerId: kim.id });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('이미 끝난 프로그램이라 등록할 수 없습니다.');
    expect(await live(past.id)).toEqual([]);
  });

  it('a cancellation from the roster moves the first person waiting up; a foreign or repeated one is refused', async () => {
    const p = await programme(1);
    for (const s of [kim, lee, park]) await post(`/staff/programmes/${p.id}/enrolments`, { seekerId: s.id });
    const items = expectStatus(await staff.get(`/api/v1/programmes/${p.id}/enrolments`), 200).items as {
      id: string;
      seekerId: string;
    }[];
    const first = items.find((e) => e.seekerId === kim.id)!;
    const page = await staff.get(`/staff/programmes/${p.id}`);
    expect(page.body).toContain(`/staff/programmes/${p.id}/enrolments/${first.id}/cancel`);
    expect(page.body).toContain('aria-label="김하늘 신청 취소"');
    // The enrolment belongs to this programme only: through another programme's desk it is not found.
    const q = await programme(1);
    const wrong = await post(`/staff/programmes/${q.id}/enrolments/${first.id}/cancel`, {});
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('이 프로그램의 신청을 찾을 수 없습니다.');
    const done = await post(`/staff/programmes/${p.id}/enrolments/${first.id}/cancel`, {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('김하늘님의 신청을 취소했습니다. 대기자 이바다님에게 자리가 넘어갔습니다.');
    expect(await live(p.id)).toEqual([
      [lee.id, 'registered'],
      [park.id, 'waitlisted'],
    ]);
    const twice = await post(`/staff/programmes/${p.id}/enrolments/${first.id}/cancel`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('이미 취소된 신청입니다.');
  });
});
