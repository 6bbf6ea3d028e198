import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { pickEncoding } from './static-encoding.ts';

const t = await testApp();
const get = (url: string, enc?: string) =>
  t.app.inject({ method: 'GET', url, headers: enc === undefined ? {} : { 'accept-encoding': enc } });

describe('compressed static files', () => {
  it('reads Accept-Encoding: br first, gzip next, nothing refused with q=0', () => {
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('*;q=0')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('gzip;q=0, *')).toBe('br');
  });

  it('sends the stylesheet compressed to a browser that takes it, the same bytes once unpacked', async () => {
    const plain = await get('/static/app.css');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    const br = await get('/static/app.css', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await get('/static/app.css', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('never compresses a page, which holds a CSRF token beside what a visitor typed (BREACH)', async () => {
    const page = await get('/login', 'gzip, br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toContain('<html');
  });
});
