import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { PULL_PAGE_SIZE, pullWorknet } from './worknet.pull.ts';
import { worknetJobs } from './worknet.routes.ts';

// The scheduled 고용24 pull against a local HTTP server that answers as the list API does
// (wantedRoot XML, KECO 2025 jobsCd, pages of `display` rows). Nothing leaves the machine.

const KEY = 'test-key/+123';
/** Codes of KECO 2025: 135200 데이터 분석가 exists only there; 155500 means 환경공학 기술자 there. */
const CODES = ['135200', '155500', '614000'];

interface Row {
  authNo: string;
  title: string;
  jobsCd: string;
}

function wantedXml(rows: Row[], page: number): string {
  const items = rows
    .map(
      (r, i) => `<wanted>
    <wantedAuthNo>${r.authNo}</wantedAuthNo><company>(주)풀테스트${i % 3}</company>
    <busino>${withBizRegCheckDigit(`22081${String(1000 + (i % 3)).padStart(4, '0')}`)}</busino>
    <title>${r.title}</title><salTpNm>월급</salTpNm><minSal>3000000</minSal><maxSal>3500000</maxSal>
    <region>경기 수원시 장안구</region><holidayTpNm>주5일근무</holidayTpNm><minEdubg>고졸</minEdubg>
    <career>관계없음</career><regDt>26-12-01</regDt><closeDt>20991231</closeDt><empTpCd>10</empTpCd>
    <jobsCd>${r.jobsCd}</jobsCd></wanted>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<wantedRoot><total>0</total><startPage>${page}</startPage><display>${PULL_PAGE_SIZE}</display>\n${items}\n</wantedRoot>`;
}

/** What the fake portal serves: every row, in pages; `fail` answers a page with a status or bad XML. */
const portal = {
  rows: [] as Row[],
  fail: null as null | { page: number; status?: number; body?: string },
  delayMs: 0,
  asked: [] as URLSearchParams[],
};
const server = http.createServer(async (req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  portal.asked.push(q);
  if (portal.delayMs) await new Promise((r) => setTimeout(r, portal.delayMs));
  if (q.get('authKey') !== KEY) {
    res.writeHead(401).end('no key');
    return;
  }
  const page = Number(q.get('startPage'));
  const display = Number(q.get('display'));
  if (portal.fail?.page === page) {
    res.writeHead(portal.fail.status ?? 200, { 'content-type': 'application/xml' });
    res.end(portal.fail.body ?? '<error>점검 중</error>');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/xml; charset=UTF-8' });
  res.end(wantedXml(portal.rows.slice((page - 1) * display, page * display), page));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
afterAll(() => new Promise<void>((r) => server.close(() => r())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/opi/wantedApi.do`;

const t = await testApp({
  ILTEO_WORKNET_API_KEY: KEY,
  ILTEO_WORKNET_API_URL: base,
  ILTEO_WEBHOOK_ALLOW_PRIVATE: '1',
});
const province = await t.centre('경기도일자리센터', null, '41110');
const cfg = t.config.worknetPull!;
const admin = await t.user('admin', null);
// A partner's endpoint (never reached: no worker runs) whose deliveries the pull must write.
const hook = expectStatus(
  await admin.post('/api/v1/webhooks', {
    url: 'http://127.0.0.1:9/pull',
    events: ['posting.created', 'posting.updated'],
    centreId: province.id,
  }),
  201,
) as { id: string };
const deliveries = async () =>
  expectStatus(await admin.get(`/api/v1/webhooks/${hook.id}/deliveries?pageSize=10`), 200) as {
    total: number;
    items: { type: string }[];
  };

const rows = (n: number, from = 0): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    authNo: `K9000${String(from + i).padStart(11, '0')}`,
    title: `풀 테스트 공고 ${from + i}`,
    jobsCd: CODES[(from + i) % CODES.length]!,
  }));

const postingsOf = (authNos: string[]) =>
  t.db
    .selectFrom('postings')
    .select(['worknet_auth_no', 'title', 'occupation_code', 'occupation_edition', 'source', 'status'])
    .where('worknet_auth_no', 'in', authNos)
    .execute();

describe('scheduled 고용24 pull', () => {
  it('is off without a key, and on with one as a scheduled job', () => {
    const off = loadConfig({ ILTEO_DATA_DIR: '/nonexistent' });
    expect(off.worknetPull).toBeNull();
    expect(worknetJobs({ ...t.ctx, config: off })).toEqual([]);
    const jobs = worknetJobs(t.ctx);
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([['worknet-pull', '0 6 * * *']]);
    expect(cfg).toMatchObject({ url: base, key: KEY, maxPages: 100 });
    expect(() => loadConfig({ ILTEO_WORKNET_API_KEY: 'k', ILTEO_WORKNET_API_URL: 'ftp://x/y' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ILTEO_WORKNET_API_KEY: 'k', ILTEO_WORKNET_PULL_CRON: 'daily' })).toThrow(
      /ILTEO_WORKNET_PULL_CRON/,
    );
  });

  it('reads every page, upserts by wantedAuthNo with KECO 2025 codes and records the run', async () => {
    portal.rows = [
      ...rows(PULL_PAGE_SIZE + 30),
      { authNo: 'K9000BAD', title: '없는 직종', jobsCd: '999999' },
    ];
    portal.asked = [];
    const run = await pullWorknet(t.db, t.ctx, cfg);
    expect(run).toMatchObject({ status: 'done', pages: 2, added: 130, updated: 0, failed: 1, error: null });
    expect(run!.rejections).toEqual([
      { page: 2, row: 31, errors: [expect.objectContaining({ field: 'jobsCd' })] },
    ]);
    expect(run!.finishedAt).not.toBeNull();
    // Partners hear of each new posting, as when a counsellor saves one.
    expect((await deliveries()).total).toBe(130);
    expect(portal.asked.map((q) => [q.get('startPage'), q.get('display'), q.get('callTp')])).toEqual([
      ['1', '100', 'L'],
      ['2', '100', 'L'],
    ]);
    const stored = await postingsOf(portal.rows.slice(0, 3).map((r) => r.authNo));
    const byNo = new Map(stored.map((p) => [p.worknet_auth_no, p]));
    expect(byNo.get(portal.rows[0]!.authNo)).toMatchObject({
      occupation_code: '1352',
      occupation_edition: '2025',
      source: 'worknet',
      status: 'open',
    });
    expect(byNo.get(portal.rows[1]!.authNo)).toMatchObject({
      occupation_code: '1555',
      occupation_edition: '2025',
    });

    // The next run: one title changed, five new rows; nothing is added twice. One posting
    // went back for review here (an employer's edit): the pull leaves it as it is.
    portal.rows = [...rows(PULL_PAGE_SIZE + 35)];
    portal.rows[0] = { ...portal.rows[0]!, title: '풀 테스트 공고 0 (수정)' };
    portal.rows[2] = { ...portal.rows[2]!, title: '풀 테스트 공고 2 (수정)' };
    await t.db
      .updateTable('postings')
      .set({ status: 'pending' })
      .where('worknet_auth_no', '=', portal.rows[2]!.authNo)
      .execute();
    const again = await pullWorknet(t.db, t.ctx, cfg);
    // Only the changed row counts as updated: the 128 others are as we hold them.
    expect(again).toMatchObject({
      status: 'done',
      pages: 2,
      added: 5,
      updated: 1,
      unchanged: 128,
      held: 1,
      failed: 0,
    });
    const pulls = await admin.get('/staff/admin/worknet-pulls');
    expect(pulls.body).toContain('검토 중이라 보류');
    const heard = await deliveries();
    expect(heard.total).toBe(136);
    expect(
      heard.items
        .slice(0, 6)
        .map((d) => d.type)
        .sort(),
    ).toEqual([...Array(5).fill('posting.created'), 'posting.updated']);
    const all = await postingsOf(portal.rows.map((r) => r.authNo));
    expect(all).toHaveLength(135);
    expect(all.find((p) => p.worknet_auth_no === portal.rows[0]!.authNo)?.title).toBe(
      '풀 테스트 공고 0 (수정)',
    );
    expect(all.find((p) => p.worknet_auth_no === portal.rows[2]!.authNo)).toMatchObject({
      title: '풀 테스트 공고 2',
      status: 'pending',
    });
  });

  it('records a failed page with its error, keeps the pages before it, and never the key', async () => {
    portal.rows = rows(PULL_PAGE_SIZE + 10, 500);
    portal.fail = { page: 2, status: 503 };
    const run = await pullWorknet(t.db, t.ctx, cfg);
    expect(run).toMatchObject({ status: 'failed', pages: 1, added: 100, error: 'HTTP 503 (2쪽)' });
    portal.fail = { page: 1, body: '<error><message>인증키 오류</message></error>' };
    const bad = await pullWorknet(t.db, t.ctx, cfg);
    expect(bad).toMatchObject({ status: 'failed', pages: 0, added: 0 });
    expect(bad!.error).toContain('wantedRoot');
    const wrongKey = await pullWorknet(t.db, t.ctx, { ...cfg, key: 'wrong/key' });
    expect(wrongKey).toMatchObject({ status: 'failed', error: 'HTTP 401 (1쪽)' });
    const unreachable = await pullWorknet(t.db, t.ctx, { ...cfg, url: 'http://127.0.0.1:9/x' });
    expect(unreachable?.status).toBe('failed');
    portal.fail = null;
    const stored = await t.db.selectFrom('worknet_pulls').select(['source_url', 'error']).execute();
    for (const r of stored) {
      expect(r.source_url).not.toContain('authKey');
      expect(r.error ?? '').not.toContain(KEY);
    }
  });

  it('runs one pull at a time, and marks a run whose process died as interrupted', async () => {
    portal.rows = rows(5, 900);
    portal.delayMs = 300;
    const [a, b] = await Promise.all([
      pullWorknet(t.db, t.ctx, cfg),
      new Promise((r) => setTimeout(r, 50)).then(() => pullWorknet(t.db, t.ctx, cfg)),
    ]);
    portal.delayMs = 0;
    expect(a?.status).toBe('done');
    expect(b).toBeNull();
    const dead = await t.db
      .insertInto('worknet_pulls')
      .values({ id: crypto.randomUUID(), source_url: base, started_at: new Date(Date.now() - 4 * 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await pullWorknet(t.db, t.ctx, cfg))?.status).toBe('done');
    const after = await t.db
      .selectFrom('worknet_pulls')
      .select(['status', 'finished_at'])
      .where('id', '=', dead.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('interrupted');
    expect(after.finished_at).not.toBeNull();
  });

  it('shows each run on /staff/admin/worknet-pulls', async () => {
    const res = await admin.get('/staff/admin/worknet-pulls');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('켜져 있습니다');
    expect(res.body).toContain('HTTP 503 (2쪽)');
    expect(res.body).toContain('2쪽 31번째');
    expect(res.body).toContain('완료');
    expect(res.body).toContain('중단됨');
    expect(res.body).not.toContain(KEY);
    expect((await admin.get('/staff/admin')).body).toContain('/staff/admin/worknet-pulls');
    const seeker = await t.user('seeker', null);
    expect((await seeker.get('/staff/admin/worknet-pulls')).statusCode).toBe(403);
  });
});
