import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { closeApplications, newMiddleAgedProgramme, waitUntil } from './publicjobs.test-helpers.ts';
import { parseSeedLines } from './staff-actions.pages.tsx';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('public job pages', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const body = newMiddleAgedProgramme({ quota: 3, selection: 'score_then_lottery' });
  const p = expectStatus(await staff.post('/api/v1/public-jobs', body), 201);
  const seekerId = (await buildSeeker(t.db, centre.id, { name: '김신청', birth_date: '1968-03-01' })).id;
  const seeker = await t.user('seeker', null, { seekerId });

  it('lists programmes publicly and answers a seeker’s application on the page with each reason', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/public-jobs' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('신중년 경력형 일자리');
    const anon = await t.app.inject({ method: 'GET', url: `/public-jobs/${p.id}` });
    expect(anon.body).toContain('구직자로 로그인하면 신청할 수 있습니다');
    expect(anon.body).toContain('기준중위소득의 100% 이하');
    const bad = await seeker.post(
      `/public-jobs/${p.id}/apply`,
      'householdSize=2&monthlyIncome=abc&property=0',
      form,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('f-monthlyIncome');
    const res = await seeker.post(
      `/public-jobs/${p.id}/apply`,
      'householdSize=2&monthlyIncome=2%2C100%2C000&property=80000000&flags=single_parent',
      form,
    );
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('신청번호 1번');
    expect(res.body).toContain('자격 충족');
    expect(res.body).toContain('가산점 한부모가족 +3점');
    // Coming back shows the same answer, not the form.
    const again = await seeker.get(`/public-jobs/${p.id}`);
    expect(again.body).toContain('신청번호 1번');
    expect(again.body).not.toContain('name="householdSize"');
  });

  it('runs the draw from the staff page in three steps, and a citizen recomputes it with the published script', async () => {
    for (let i = 0; i < 6; i++) {
      const s = await buildSeeker(t.db, centre.id, { birth_date: `19${65 + i}-05-05` });
      expectStatus(
        await staff.post(`/api/v1/public-jobs/${p.id}/applications`, {
          seekerId: s.id,
          householdSize: 1,
          monthlyIncome: 1_000_000,
          property: 0,
          flags: i % 2 ? ['disabled'] : [],
        }),
        201,
      );
    }
    await closeApplications(t.db, p.id);
    const page = await staff.get(`/staff/public-jobs/${p.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('김신청');
    const soon = new Date(Date.now() + 3000);
    const local = new Date(soon.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
    const announced = await staff.post(
      `/staff/public-jobs/${p.id}/announce`,
      `seedSource=${encodeURIComponent('로또 6/45 제1203회')}&seedsAvailableAt=${local}`,
      form,
    );
    expect(announced.headers.location).toBe(`/staff/public-jobs/${p.id}?done=1`);
    // Too early: the page says so in Korean.
    const early = await staff.post(
      `/staff/public-jobs/${p.id}/draw`,
      'seedSources=3+11+19+25+38+42%0D%0A7',
      form,
    );
    expect(decodeURIComponent(early.headers.location as string)).toContain('아직 발표되지 않았습니다');
    await waitUntil(soon.toISOString());
    const drawn = await staff.post(
      `/staff/public-jobs/${p.id}/draw`,
      'seedSources=3+11+19+25+38+42%0D%0A7',
      form,
    );
    expect(drawn.headers.location).toBe(`/staff/public-jobs/${p.id}?done=1`);
    const runs = expectStatus(await staff.get(`/api/v1/public-jobs/${p.id}/draws`), 200);
    const run = runs.items[0];
    expect(run.keyString).toBe('3.11.19.25.38.42./7./');
    const published = await staff.post(`/staff/public-jobs/${p.id}/publish`, `drawId=${run.id}`, form);
    expect(published.headers.location).toBe(`/staff/public-jobs/${p.id}?done=1`);
    const results = await t.app.inject({ method: 'GET', url: `/public-jobs/${p.id}/results` });
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain(run.keyString);
    expect(results.body).toContain(run.selectedNos.join(' '));
    expect(results.body).not.toContain('김신청');
    const txt = await t.app.inject({ method: 'GET', url: `/public-jobs/${p.id}/candidates.txt` });
    expect(txt.body.split('\n')).toHaveLength(8); // 7 candidates and the final line feed
    if (!hasPython()) return; // the script is Python; the API test recomputes it in TypeScript too
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pj-verify-'));
    const script = await t.app.inject({ method: 'GET', url: '/public-jobs/verify.py' });
    fs.writeFileSync(path.join(dir, 'verify.py'), script.body);
    fs.writeFileSync(path.join(dir, 'candidates.txt'), txt.rawPayload);
    const out = execFileSync(
      'python3',
      ['verify.py', 'candidates.txt', run.keyString, 'score_then_lottery'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    ).split('\n');
    expect(out[0]).toBe(`SHA-256 ${run.inputSha256}`);
    expect(out[1]).toBe(run.orderNos.join(' '));
    fs.rmSync(dir, { recursive: true });
  });

  it('places a selected applicant from the staff page, creating the employment', async () => {
    const draw = expectStatus(await staff.get(`/api/v1/public-jobs/${p.id}/draws`), 200).items[0];
    const res = await staff.post(
      `/staff/public-jobs/${p.id}/place`,
      `applicationId=${draw.selected[0]}&worksite=${encodeURIComponent('광명시청 민원실')}&startsOn=${body.startsOn}`,
      form,
    );
    expect(res.headers.location).toBe(`/staff/public-jobs/${p.id}?done=1`);
    const page = await staff.get(`/staff/public-jobs/${p.id}`);
    expect(page.body).toContain('광명시청 민원실');
    expect(page.body).toContain('배치 종료');
  });

  it('reads the numbers of each source from one line each', () => {
    expect(parseSeedLines('3 11, 19 25 38 42\r\n\r\n7')).toEqual([[3, 11, 19, 25, 38, 42], [7]]);
    expect(() => parseSeedLines('3 x 5')).toThrow();
    expect(() => parseSeedLines('  ')).toThrow();
  });
});
