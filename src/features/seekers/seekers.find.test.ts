import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from './seekers.factory.ts';
import { classifyFind } from './seekers.find.ts';
import { backfillPhoneTails } from './seekers.service.ts';

// Issue 15 "Find": a counsellor answers a call by typing the caller's number (whole, any
// hyphenation, or its last 4 digits), a 구직번호 or a birth date into one box; namesakes are
// told apart by birth date; the one visibility rule still decides who is found.

const t = await testApp();
const a = await t.centre('찾기센터');
const b = await t.centre('이웃찾기센터');
const ca = await t.user('counsellor', a.id);
const cb = await t.user('counsellor', b.id);

type Item = { id: string; name: string; birthDate: string; registrationNo: string; regionCode: string };
const register = async (c: typeof ca, over: Parameters<typeof buildSeeker>[0]) =>
  expectStatus(await c.post('/api/v1/seekers', buildSeeker(over)), 201) as Item;

// Three 김민지 (the namesakes), one with the caller's number.
const caller = await register(ca, { name: '김민지', birthDate: '1991-03-12', phone: '010-1234-5678' });
const kim2 = await register(ca, { name: '김민지', birthDate: '1985-11-02', phone: '010-9876-1111' });
const kim3 = await register(ca, { name: '김민지', birthDate: '2001-07-30', phone: '02-345-6789' });
// B's seekers: one ends in 5678 too but is not shared; one shared without its phone; one shared with it.
const hidden = await register(cb, { name: '이서연', birthDate: '1991-03-12', phone: '010-5555-5678' });
const sharedNoPhone = await register(cb, { name: '박지훈', birthDate: '1979-01-05', phone: '010-4444-5678' });
const sharedPhone = await register(cb, { name: '최유진', birthDate: '1979-01-05', phone: '010-3333-2222' });
for (const [s, items] of [
  [sharedNoPhone, ['name', 'desired']],
  [sharedPhone, ['name', 'desired', 'phone']],
] as const) {
  expectStatus(
    await cb.post(`/api/v1/seekers/${s.id}/consents`, {
      kind: 'share_network',
      recipients: '권역 일자리센터',
      purpose: '일자리 알선',
      items,
    }),
    201,
  );
}

const find = async (q: string, client = ca) =>
  (
    expectStatus(await client.get(`/api/v1/seekers?q=${encodeURIComponent(q)}&pageSize=100`), 200)
      .items as Item[]
  ).map((s) => s.id);

describe('one search box decides what was typed', () => {
  const today = '2026-12-07';
  it('reads phone numbers, their tails, 구직번호, birth dates and words', () => {
    expect(classifyFind('010-1234-5678', today)).toEqual({ kind: 'phone', phone: '010-1234-5678' });
    expect(classifyFind('01012345678', today)).toEqual({ kind: 'phone', phone: '010-1234-5678' });
    expect(classifyFind(' 010 1234 5678 ', today)).toEqual({ kind: 'phone', phone: '010-1234-5678' });
    expect(classifyFind('5678', today)).toEqual({ kind: 'phoneTail', digits: '5678' });
    expect(classifyFind('2026-000123', today)).toEqual({
      kind: 'registrationNo',
      registrationNo: '2026-000123',
    });
    expect(classifyFind('2026000123', today)).toEqual({
      kind: 'registrationNo',
      registrationNo: '2026-000123',
    });
    expect(classifyFind('1991-03-12', today)).toEqual({ kind: 'birthDate', dates: ['1991-03-12'] });
    expect(classifyFind('19910312', today)).toEqual({ kind: 'birthDate', dates: ['1991-03-12'] });
    expect(classifyFind('910312', today)).toEqual({ kind: 'birthDate', dates: ['1991-03-12'] });
    expect(classifyFind('050312', today)).toEqual({ kind: 'birthDate', dates: ['1905-03-12', '2005-03-12'] });
    expect(classifyFind('1991-02-30', today)).toMatchObject({ kind: 'text' });
    expect(classifyFind('15881234', today)).toEqual({ kind: 'phone', phone: '1588-1234' });
    expect(classifyFind('김민지', today)).toEqual({ kind: 'text', text: '김민지' });
  });
});

describe('finding a seeker', () => {
  it('by the whole phone number, with or without hyphens', async () => {
    expect(await find('010-1234-5678')).toEqual([caller.id]);
    expect(await find('01012345678')).toEqual([caller.id]);
    expect(await find('010 1234 5678')).toEqual([caller.id]);
    expect(await find('02-345-6789')).toEqual([kim3.id]);
  });

  it('by the last four digits, never another centre’s unshared seeker', async () => {
    const ids = await find('5678');
    expect(ids).toContain(caller.id);
    expect(ids).not.toContain(hidden.id);
    // shared by consent, but the consent does not name the phone: the phone does not find it
    expect(ids).not.toContain(sharedNoPhone.id);
    expect(await find('2222')).toEqual([sharedPhone.id]);
    expect(await find('010-5555-5678')).toEqual([]);
    // B's own counsellor finds B's seeker by the same digits
    expect(await find('5678', cb)).toEqual(expect.arrayContaining([hidden.id, sharedNoPhone.id]));
  });

  it('by 구직번호, with or without the hyphen', async () => {
    // 구직번호 count per centre: B's shared seeker may carry the same one; the own centre's comes first
    expect((await find(kim2.registrationNo))[0]).toBe(kim2.id);
    expect((await find(kim2.registrationNo.replace('-', '')))[0]).toBe(kim2.id);
    expect(await find(kim3.registrationNo)).toEqual([kim3.id, sharedPhone.id]);
    expect(await find(hidden.registrationNo)).not.toContain(hidden.id);
  });

  it('by birth date as YYYY-MM-DD, YYYYMMDD and YYMMDD', async () => {
    for (const q of ['1991-03-12', '19910312', '910312']) expect(await find(q)).toEqual([caller.id]);
    expect((await find('1979-01-05')).sort()).toEqual([sharedPhone.id, sharedNoPhone.id].sort());
  });

  it('finds no one for words the index cannot use, instead of listing everyone', async () => {
    for (const q of ['!!!', '---', 'ㅋ'.repeat(60), '%_']) expect(await find(q)).toEqual([]);
  });

  it('tells namesakes apart by birth date in the list rows', async () => {
    const r = expectStatus(await ca.get(`/api/v1/seekers?q=${encodeURIComponent('김민지')}`), 200);
    const births = (r.items as Item[]).map((s) => s.birthDate).sort();
    expect(births).toEqual(['1985-11-02', '1991-03-12', '2001-07-30']);
    const page = await ca.get(`/staff/seekers?q=${encodeURIComponent('김민지')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th scope="col">생년월일</th>');
    for (const d of births) expect(page.body).toContain(`>${d}</td>`);
    expect(page.body).toContain('<td data-label="지역">서울특별시 중구</td>');
  });

  it('answers the staff list page from a phone number typed in the header box', async () => {
    const page = await ca.get(`/staff/seekers?q=${encodeURIComponent('010-1234-5678')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/staff/seekers/${caller.id}`);
    expect(page.body).not.toContain(`/staff/seekers/${kim2.id}`);
  });

  it('puts the box with its / shortcut on every staff page, not on the portal', async () => {
    for (const path of ['/staff', '/staff/seekers', `/staff/seekers/${caller.id}`, '/staff/postings']) {
      const html = (await ca.get(path)).body;
      expect(html, path).toMatch(/<search class="find"[^>]*><form method="get" action="\/staff\/seekers">/);
      expect(html, path).toMatch(/<input id="find-q" name="q" type="search"[^>]*data-key="\/"/);
      expect(html, path).toContain('<label for="find-q"');
    }
    expect((await t.app.inject({ url: '/jobs' })).body).not.toContain('find-q');
  });

  it('gives rows written before the tail index theirs at start, decrypting each once', async () => {
    await t.db.updateTable('seekers').set({ phone_tail_bi: null }).where('id', '=', kim2.id).execute();
    expect(await find('1111')).toEqual([]);
    expect(await backfillPhoneTails(t.db, t.dataKey)).toBe(1);
    expect(await find('1111')).toEqual([kim2.id]);
    expect(await backfillPhoneTails(t.db, t.dataKey)).toBe(0);
  });
});
