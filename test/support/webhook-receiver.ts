import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

// A local webhook receiver for tests (nothing leaves the machine), and a polling wait.

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
/** A local receiver: answers each request with what `answer` says for its path. */
export async function receiver(
  answer: (path: string, n: number) => { status: number; headers?: Record<string, string> },
  /** How long each answer takes (keeps deliveries in flight). */
  delayMs = 0,
) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body });
      const a = answer(req.url ?? '', got.filter((g) => g.path === req.url).length);
      setTimeout(() => {
        res.writeHead(a.status, a.headers ?? {});
        res.end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
}

export async function until<T>(what: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
