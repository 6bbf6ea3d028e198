import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { detectEncoding, encodingOf } from '../../platform/imports/csv.ts';

// Issue 23 item 9 (garbage read as CP949) and item 5 (NUL in a CSV answered 500).
const t = await testApp();
const centre = await t.centre();
const c = await t.user('counsellor', centre.id);

const header =
  'name,birthDate,phone,regionCode,educationLevel,desired.occupations,desired.wageType,desired.wageMin';
const rows = (n: number, phone: number) =>
  Array.from(
    { length: n },
    (_, i) => `김서연${i},1990-03-0${1 + (i % 9)},010-5${phone}-${String(1000 + i)},11140,04,8241,M,2500000`,
  );
const csv = (phone: number, n = 2) => `${[header, ...rows(n, phone)].join('\n')}\n`;

const post = (body: Buffer | string, query = '', type = 'text/csv') =>
  c.post(`/api/v1/imports/seekers${query}`, body, { 'content-type': type });

describe('CSV encoding', () => {
  it('detects UTF-8 with and without BOM, and CP949', async () => {
    expect(expectStatus(await post(csv(101)), 200)).toMatchObject({ imported: 2, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(102))]);
    expect(expectStatus(await post(bom), 200)).toMatchObject({ imported: 2, encoding: 'utf-8' });
    expect(expectStatus(await post(iconv.encode(csv(103), 'cp949')), 200)).toMatchObject({
      imported: 2,
      encoding: 'cp949',
    });
  });

  it('takes a declared encoding from ?encoding= or the charset of Content-Type', async () => {
    const euc = iconv.encode(csv(104), 'euc-kr');
    expect(expectStatus(await post(euc, '?encoding=euc-kr'), 200)).toMatchObject({ encoding: 'cp949' });
    const euc2 = iconv.encode(csv(105), 'euc-kr');
    expect(expectStatus(await post(euc2, '', 'text/csv; charset=EUC-KR'), 200)).toMatchObject({
      encoding: 'cp949',
    });
    // Declared UTF-8 but written in CP949: refused, not misread.
    const wrong = expectStatus(await post(iconv.encode(csv(106), 'cp949'), '?encoding=utf-8'), 400);
    expect(wrong.code).toBe('import.encoding');
    const unknown = expectStatus(await post(csv(107), '?encoding=latin1'), 400);
    expect(unknown.code).toBe('import.encodingUnsupported');
    expect(unknown.errors[0].field).toBe('encoding');
  });

  it('refuses bytes that are neither with 400 import.encoding and saves nothing', async () => {
    const garbage = Buffer.concat([Buffer.from(`${header}\n`), randomBytes(4000)]);
    const res = await post(garbage);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('import.encoding');
    expect(body.detail).toMatch(/인코딩/);
    expect(expectStatus(await c.get('/api/v1/seekers?q=%EA%B9%80%EC%84%9C%EC%97%B0'), 200).total).toBe(10);
    // The detector itself, on samples that a lenient CP949 decoder would have accepted.
    for (let i = 0; i < 20; i++) expect(detectEncoding(randomBytes(2000), true)).toBeNull();
    expect(detectEncoding(iconv.encode('이름,메모\n홍길동,취업 상담(오전)', 'cp949'), true)).toBe('cp949');
    expect(encodingOf('KS_C_5601-1987')).toBe('cp949');
  });

  it('refuses a NUL character with 400 naming the row and column', async () => {
    const lines = [header, ...rows(3, 108)];
    lines[2] = lines[2]!.replace('김서연1', '김서\u0000연1');
    const res = await post(`${lines.join('\n')}\n`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('import.nul');
    expect(body.errors).toEqual([{ field: 'rows[2].name', message: expect.stringContaining('2행 name') }]);
  });
});
