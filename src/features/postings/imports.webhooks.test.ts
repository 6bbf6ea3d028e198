import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { listOutbox } from '../../platform/outbox/outbox.ts';

// An import of postings — a 고용24 file or the scheduled pull (both through importWorknetXml), or
// a CSV file — tells partners what a counsellor saving a posting tells them: posting.created for
// a new open posting, posting.updated for a changed open one, nothing for a row equal to ours,
// nor for a posting partners cannot read (closed, pending), nothing at
// all for a file that is rolled back. And a re-import does not undo a counsellor's review
// decision. No worker runs here: the deliveries stay in the log and the outbox, where the test
// counts them.

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
const centre = await t.centre('강원도일자리센터', null, '51110');
const admin = await t.user('admin', null);
const staff = await t.user('counsellor', centre.id);
const xmlHeaders = { 'content-type': 'application/xml' };
const IMPORT = `/api/v1/imports/worknet-postings?partial=true&centreId=${centre.id}`;

interface Row {
  authNo: string;
  title: string;
  jobsCd?: string;
  closeDt?: string;
}

function fileOf(rows: Row[]): string {
  const items = rows.map(
    (r, i) => `<wanted><wantedAuthNo>${r.authNo}</wantedAuthNo><company>(주)강원정밀${i % 2}</company>
    <busino>${withBizRegCheckDigit(`22081${String(2000 + (i % 2)).padStart(4, '0')}`)}</busino>
    <title>${r.title}</title><salTpNm>월급</salTpNm><minSal>3000000</minSal>
    <region>강원 춘천시</region><holidayTpNm>주5일근무</holidayTpNm><minEdubg>고졸</minEdubg>
    <career>관계없음</career><closeDt>${r.closeDt ?? '20991231'}</closeDt><empTpCd>10</empTpCd>
    <jobsCd>${r.jobsCd ?? '614000'}</jobsCd></wanted>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<wantedRoot>${items.join('\n')}</wantedRoot>`;
}

const endpoint = expectStatus(
  await admin.post('/api/v1/webhooks', {
    url: 'http://127.0.0.1:9/import',
    events: ['posting.created', 'posting.updated', 'posting.closed'],
    centreId: centre.id,
  }),
  201,
) as { id: string };

/** The endpoint's deliveries as [type, posting id], and the webhook outbox rows. */
async function sent() {
  const log = expectStatus(
    await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries?pageSize=100`),
    200,
  ) as { total: number; items: { type: string; subjectId: string }[] };
  const outbox = await listOutbox(t.db, { kind: 'webhook', limit: 1000 });
  return { total: log.total, items: log.items, outbox: outbox.length };
}

const postingIdOf = async (authNo: string) =>
  (
    await t.db
      .selectFrom('postings')
      .select(['id', 'status', 'title'])
      .where('worknet_auth_no', '=', authNo)
      .executeTakeFirstOrThrow()
  ).id;

const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({
  authNo: `K2026120100${String(i).padStart(2, '0')}`,
  title: `정밀가공 생산직 ${i}`,
}));

describe('a 고용24 import announces its postings to partners', () => {
  it('sends nothing for a file that is rolled back (a bad row without partial)', async () => {
    const bad = fileOf([...rows.slice(0, 3), { authNo: 'K999', title: '잘못된 직종', jobsCd: '999999' }]);
    const r = expectStatus(
      await staff.post(`/api/v1/imports/worknet-postings?centreId=${centre.id}`, bad, xmlHeaders),
      400,
    );
    expect(r.code).toBe('worknet.rejected');
    expect(await sent()).toEqual({ total: 0, items: [], outbox: 0 });
  });

  it('a new file: one posting.created per posting, in the outbox with the import', async () => {
    const r = expectStatus(await staff.post(IMPORT, fileOf(rows), xmlHeaders), 200);
    expect(r).toMatchObject({ imported: 12, updated: 0, unchanged: 0, held: [], rejected: [] });
    const s = await sent();
    expect(s.total).toBe(12);
    expect(s.outbox).toBe(12);
    expect(new Set(s.items.map((d) => d.type))).toEqual(new Set(['posting.created']));
    const ids = await Promise.all(rows.map((x) => postingIdOf(x.authNo)));
    expect(s.items.map((d) => d.subjectId).sort()).toEqual(ids.sort());
  });

  it('the same file again sends nothing; a changed row sends posting.updated for it alone', async () => {
    const same = expectStatus(await staff.post(IMPORT, fileOf(rows), xmlHeaders), 200);
    expect(same).toMatchObject({ imported: 0, updated: 0, unchanged: 12 });
    expect((await sent()).total).toBe(12);

    const changed = rows.map((x, i) => (i === 4 ? { ...x, title: `${x.title} (야간)` } : x));
    const r = expectStatus(await staff.post(IMPORT, fileOf(changed), xmlHeaders), 200);
    expect(r).toMatchObject({ imported: 0, updated: 1, unchanged: 11 });
    const s = await sent();
    expect(s.total).toBe(13);
    expect(s.outbox).toBe(13);
    expect(s.items[0]).toMatchObject({
      type: 'posting.updated',
      subjectId: await postingIdOf(rows[4]!.authNo),
    });
  });

  it('does not reopen or rewrite a posting a counsellor rejected or returned, nor one awaiting review', async () => {
    const [rejected, returned, pending, closed] = await Promise.all(
      [0, 1, 2, 3].map((i) => postingIdOf(rows[i]!.authNo)),
    );
    // An employer's edit sent these back for review (status pending); the counsellor decides.
    await t.db
      .updateTable('postings')
      .set({ status: 'pending' })
      .where('id', 'in', [rejected!, returned!, pending!])
      .execute();
    expectStatus(await staff.post(`/api/v1/postings/${rejected}/reject`, { reason: '성별 제한 문구' }), 200);
    expectStatus(
      await staff.post(`/api/v1/postings/${returned}/request-changes`, { reason: '임금 표기 보완' }),
      200,
    );
    expectStatus(await staff.post(`/api/v1/postings/${closed}/status`, { status: 'closed' }), 200);
    const before = (await sent()).total;

    const edited = rows.map((x) => ({ ...x, title: `${x.title} 재공고` }));
    const r = expectStatus(await staff.post(IMPORT, fileOf(edited), xmlHeaders), 200);
    expect(r.held).toEqual([
      expect.objectContaining({ row: 1, wantedAuthNo: rows[0]!.authNo, status: 'rejected' }),
      expect.objectContaining({ row: 2, wantedAuthNo: rows[1]!.authNo, status: 'returned' }),
      expect.objectContaining({ row: 3, wantedAuthNo: rows[2]!.authNo, status: 'pending' }),
    ]);
    expect(r.held[0].message).toContain('반려');
    expect(r.held[1].message).toContain('보완');
    expect(r).toMatchObject({ imported: 0, updated: 9, unchanged: 0 });
    const after = await t.db
      .selectFrom('postings')
      .select(['id', 'status', 'title', 'review_decision'])
      .where('id', 'in', [rejected!, returned!, pending!, closed!])
      .execute();
    const byId = new Map(after.map((p) => [p.id, p]));
    expect(byId.get(rejected!)).toMatchObject({
      status: 'rejected',
      review_decision: 'rejected',
      title: rows[0]!.title,
    });
    expect(byId.get(returned!)).toMatchObject({
      status: 'returned',
      review_decision: 'returned',
      title: rows[1]!.title,
    });
    expect(byId.get(pending!)).toMatchObject({ status: 'pending', title: rows[2]!.title });
    // A closed one takes the portal's text and stays closed.
    expect(byId.get(closed!)).toMatchObject({ status: 'closed', title: `${rows[3]!.title} 재공고` });
    // The eight open rows written are announced; the held ones are not, nor the closed one,
    // which partners cannot read (postingEvent).
    const s = await sent();
    expect(s.total - before).toBe(8);
    const quiet = new Set([rejected, returned, pending, closed]);
    expect(s.items.slice(0, 8).every((d) => d.type === 'posting.updated' && !quiet.has(d.subjectId))).toBe(
      true,
    );
  });

  it('reopens an expired posting the portal extended, and says so', async () => {
    const id = await postingIdOf(rows[5]!.authNo);
    await t.db.updateTable('postings').set({ status: 'expired' }).where('id', '=', id).execute();
    const before = (await sent()).total;
    const again = rows.map((x) => ({ ...x, title: `${x.title} 재공고` }));
    const r = expectStatus(await staff.post(IMPORT, fileOf(again), xmlHeaders), 200);
    expect(r).toMatchObject({ updated: 1, unchanged: 8 });
    expect(r.held).toHaveLength(3);
    const row = await t.db
      .selectFrom('postings')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    const s = await sent();
    expect(s.total - before).toBe(1);
    expect(s.items[0]).toMatchObject({ type: 'posting.updated', subjectId: id });
  });

  it('keeps an open-ended posting’s closing day while it is ahead: a daily pull announces nothing new', async () => {
    const open = [{ authNo: 'K20261201OPEN', title: '상시 채용 포장원', closeDt: '채용시까지' }];
    const later = (days: number) =>
      new Date(Date.parse(`${seoulToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const closesAt = async () =>
      (
        await t.db
          .selectFrom('postings')
          .select(sql<string>`closes_at::text`.as('d'))
          .where('worknet_auth_no', '=', 'K20261201OPEN')
          .executeTakeFirstOrThrow()
      ).d;
    expect(expectStatus(await staff.post(IMPORT, fileOf(open), xmlHeaders), 200)).toMatchObject({
      imported: 1,
    });
    const id = await postingIdOf('K20261201OPEN');
    // As if imported 20 days ago: the closing day is 10 days ahead, not 30.
    const ahead = later(10);
    await t.db.updateTable('postings').set({ closes_at: ahead }).where('id', '=', id).execute();
    const before = (await sent()).total;
    expect(expectStatus(await staff.post(IMPORT, fileOf(open), xmlHeaders), 200)).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    expect(await closesAt()).toBe(ahead);
    expect((await sent()).total).toBe(before);
    // Once that day has passed, the next import gives it a new one and says so.
    await t.db
      .updateTable('postings')
      .set({ closes_at: later(-1) })
      .where('id', '=', id)
      .execute();
    expect(expectStatus(await staff.post(IMPORT, fileOf(open), xmlHeaders), 200)).toMatchObject({
      updated: 1,
    });
    expect(await closesAt()).toBe(later(30));
    const s = await sent();
    expect(s.total - before).toBe(1);
    expect(s.items[0]).toMatchObject({ type: 'posting.updated', subjectId: id });
  });
});

describe('a CSV import of postings announces them too', () => {
  it('sends posting.created for each posting of the file, and nothing for a refused file', async () => {
    const no = withBizRegCheckDigit('121810077');
    expectStatus(
      await staff.post('/api/v1/employers', { name: '춘천물류', bizRegNo: no, regionCode: '51110' }),
      201,
    );
    const head =
      'employerBizRegNo,title,occupationCode,duties,headcount,employmentType,wageType,wageMin,regionCode,educationMin,career.type,closesAt';
    const csv = { 'content-type': 'text/csv; charset=utf-8' };
    const before = (await sent()).total;
    const bad = `${head}\n${no},지게차 운전원,6230,상하차,1,10,M,2700000,51110,00,Z,2001-01-01\n`;
    await staff.post('/api/v1/imports/postings', bad, csv);
    expect((await sent()).total).toBe(before);
    const good = [
      head,
      `${no},지게차 운전원,6230,상하차,1,10,M,2700000,51110,00,Z,2099-03-31`,
      `${no},CO2 용접원,8241,철골 용접,1,10,M,3000000,51110,00,Z,2099-03-31`,
    ].join('\n');
    expect(expectStatus(await staff.post('/api/v1/imports/postings', good, csv), 200).imported).toBe(2);
    const s = await sent();
    expect(s.total - before).toBe(2);
    expect(s.items.slice(0, 2).map((d) => d.type)).toEqual(['posting.created', 'posting.created']);
  });
});
