import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Server } from '../platform/http/server.ts';
import { madeFile, staticDir, vendorFile } from './assets.ts';
import { encodeStatic } from './static-encoding.ts';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const cache = new Map<string, Buffer>();

/**
 * GET /static/<file> from src/web/static (and the vendor files of assets.ts, /static/vendor/…). Names are checked against a whitelist of characters
 * and types, so no path can leave the folder. A ?v=hash URL is immutable for a year.
 */
export function registerStatic(app: Server): void {
  // Browsers ask for /favicon.ico on their own: answer with our icon (an SVG), not a 404 page.
  app.get('/favicon.ico', { schema: { hide: true }, config: { public: true } }, async (_req, reply) => {
    const file = join(staticDir, 'favicon.svg');
    const body = cache.get(file) ?? (await readFile(file));
    if (process.env.NODE_ENV === 'production') cache.set(file, body);
    return reply
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .type('image/svg+xml')
      .send(body);
  });
  app.get('/static/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const type = types[extname(name)];
    if (!type || !/^[A-Za-z0-9._/-]+$/.test(name) || name.includes('..')) {
      return reply.status(404).type('text/plain').send('not found');
    }
    const file = vendorFile(name) ?? normalize(join(staticDir, name));
    if (!file.startsWith(staticDir) && !vendorFile(name))
      return reply.status(404).type('text/plain').send('not found');
    let body = madeFile(name) ?? cache.get(file);
    if (!body) {
      try {
        body = await readFile(file);
      } catch {
        return reply.status(404).type('text/plain').send('not found');
      }
      if (process.env.NODE_ENV === 'production') cache.set(file, body);
    }
    const versioned = typeof (req.query as Record<string, unknown>).v === 'string';
    const sent = encodeStatic(body, type, req.headers['accept-encoding']);
    if (sent.encoding) reply.header('content-encoding', sent.encoding);
    return reply
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding')
      .type(type)
      .send(sent.body);
  });
}
