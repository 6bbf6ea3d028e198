import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from './seekers.factory.ts';

// The status form of a seeker's staff page and the rules behind it (status.service.ts), which
// the page and POST /api/v1/seekers/{id}/status share.

const t = await testApp();
const centre = await t.centre('광주광산구일자리센터', null, '29200');
const counsellor = await t.user('counsellor', centre.id);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

const post = (c: Client, id: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  c.post(`/staff/seekers/${id}/status`, new URLSearchParams(body).toString(), { ...form, ...headers });

async function register(name: string) {
  return expectStatus(await counsellor.post('/api/v1/seekers', buildSeeker({ name })), 201) as {
    id: string;
    status: string;
  };
}

const history = async (id: string) =>
  expectStatus(await counsellor.get(`/api/v1/seekers/${id}/status-history`), 200).items as {
    fromStatus: string;
    toStatus: string;
    reason: string;
    changedByName: string | null;
  }[];

/** The options of the page's status select, as [value, label]. */
function statusOptions(html: string): string[][] {
  const select = /<select [^>]*id="f-status"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value(?:="([^"]*)")?[^>]*>([^<]*)<\/option>/g)].map((m) => [
    m[1] ?? '',
    m[2]!,
  ]);
}

describe('seeker status on the staff page', () => {
  it('offers the other statuses, changes with a reason and shows the history', async () => {
    const s = await register('박서윤');
    const page = await counsellor.get(`/staff/seekers/${s.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('구직 상태');
    expect(page.body).toContain('상태 변경 이력이 없습니다.');
    expect(statusOptions(page.body)).toEqual([
      ['', '선택하세요'],
      ['employed', '취업'],
      ['on_hold', '보류'],
      ['closed', '종료'],
    ]);

    const res = await post(counsellor, s.id, { status: 'on_hold', reason: '건강 회복 후 재개 희망' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/staff/seekers/${s.id}?statusChanged=1#status`);

    const after = await counsellor.get(`/staff/seekers/${s.id}?statusChanged=1`);
    expect(after.body).toContain('상태가 변경되었습니다: 보류');
    expect(statusOptions(after.body).map(([v]) => v)).toEqual(['', 'active', 'employed', 'closed']);
    const table = /<h3 id="status-history-h">[\s\S]*?<\/table>/.exec(after.body)?.[0] ?? '';
    expect(table).toContain('구직 중');
    expect(table).toContain('보류');
    expect(table).toContain('건강 회복 후 재개 희망');
    expect(table).toContain('counsellor 사용자');
    expect(await history(s.id)).toMatchObject([
      {
        fromStatus: 'active',
        toStatus: 'on_hold',
        reason: '건강 회복 후 재개 희망',
        changedByName: 'counsellor 사용자',
      },
    ]);
  });

  it('refuses the same status and a missing reason with Korean errors naming the field, changing nothing', async () => {
    const s = await register('최지호');
    const same = await post(counsellor, s.id, { status: 'active', reason: '재확인' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain(
      '<p class="form-hint-invalid" id="f-status-error">현재 상태와 같습니다. 바꿀 상태를 선택해 주세요.</p>',
    );
    expect(same.body).toMatch(/<a href="#f-status">변경할 상태: 현재 상태와 같습니다/);

    const blank = await post(counsellor, s.id, { status: 'closed', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('<p class="form-hint-invalid" id="f-reason-error">필수 항목입니다.</p>');
    expect(blank.body).toMatch(/<a href="#f-reason">변경 사유: 필수 항목입니다/);
    // The chosen status stays chosen for the second try.
    expect(blank.body).toMatch(/<option value="closed" selected>/);

    const none = await post(counsellor, s.id, { status: '', reason: '사유' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="f-status-error">필수 항목입니다.');

    const en = await post(
      counsellor,
      s.id,
      { status: 'active', reason: 'again' },
      { 'accept-language': 'en' },
    );
    expect(en.body).toContain("This is already the job seeker's status.");

    expect(await history(s.id)).toEqual([]);
    const row = await t.db
      .selectFrom('seekers')
      .select('status')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('applies the same rules through the API', async () => {
    const s = await register('정하준');
    const same = expectStatus(
      await counsellor.post(`/api/v1/seekers/${s.id}/status`, { status: 'active', reason: '확인' }),
      409,
    );
    expect(same.errors).toEqual([
      { field: 'status', message: '현재 상태와 같습니다. 바꿀 상태를 선택해 주세요.' },
    ]);
    const blank = expectStatus(
      await counsellor.post(`/api/v1/seekers/${s.id}/status`, { status: 'closed', reason: '  ' }),
      400,
    );
    expect(blank.errors).toEqual([{ field: 'reason', message: '필수 항목입니다.' }]);
    expectStatus(
      await counsellor.post(`/api/v1/seekers/${s.id}/status`, { status: 'closed', reason: '연락 두절' }),
      200,
    );
    // A closed record may be reopened.
    expectStatus(
      await counsellor.post(`/api/v1/seekers/${s.id}/status`, { status: 'active', reason: '재등록' }),
      200,
    );
    expect((await history(s.id)).map((h) => h.toStatus)).toEqual(['active', 'closed']);
  });

  it('names a hire in the history in words, and shows no form to those who may not change it', async () => {
    const s = await register('한예린');
    expectStatus(
      await counsellor.post('/api/v1/employments', {
        seekerId: s.id,
        employerName: '㈜광산정밀',
        startDate: '2026-04-06',
        route: 'self',
      }),
      201,
    );
    const page = await counsellor.get(`/staff/seekers/${s.id}`);
    expect(page.body).toContain('취업 기록 (본인 취업)');
    expect(page.body).not.toContain('employment:self');

    const outreach = await t.user('outreach', centre.id);
    const seen = await outreach.get(`/staff/seekers/${s.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('id="status-form"');
    const refused = await post(outreach, s.id, { status: 'closed', reason: '종결' });
    expect(refused.statusCode).toBe(403);

    const other = await t.user('counsellor', (await t.centre('광주서구일자리센터', null, '29140')).id);
    expect((await post(other, s.id, { status: 'closed', reason: '종결' })).statusCode).toBe(404);
  });
});
