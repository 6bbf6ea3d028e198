import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { type MessageKey, pickLang, t } from '../i18n/i18n.ts';
import { decodeUtf8, refuseBadInput } from './bad-input.ts';
import { describeOperation, registerProblemSchema } from './openapi.ts';
import { errorHandler, problemOnSend, toProblem } from './problem.ts';
import './actor.ts';

export type App = FastifyInstance & { withTypeProvider: () => FastifyInstance };

export interface ServerOptions {
  logger: FastifyServerOptions['logger'];
  trustProxy: boolean;
  /** Longest body accepted by default; import routes raise it for themselves. */
  bodyLimit?: number;
}

/** Paths whose bodies must never reach the log (they carry passwords or personal data). */
const redact = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'];

/** Builds the Fastify instance with the platform plugins; features register their routes on it. */
export async function createServer(opts: ServerOptions) {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
            redact,
            // Query strings can hold names (?q=홍길동): log the path only.
            serializers: {
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
            },
          },
    trustProxy: opts.trustProxy,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // coerceTypes true (not 'array'): query text still becomes numbers and booleans, but a
    // string is never taken where the contract says array (no query parameter is an array).
    ajv: { customOptions: { allErrors: true, coerceTypes: true, removeAdditional: false } },
    genReqId: () => crypto.randomUUID(),
    // Router errors (bad URL encoding, over-long path parameters) happen before any hook;
    // answer them in the same problem+json as everything else.
    frameworkErrors: (err, req, reply) => {
      const lang = pickLang({ acceptLanguage: req.headers['accept-language'] });
      const p = toProblem({ statusCode: err.statusCode ?? 400, message: '' }, lang);
      void (reply as unknown as FastifyReply).status(p.status).type('application/problem+json').send(p);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'ko');
  await app.register(cookie);
  await app.register(formbody);
  // JSON bodies are decoded strictly: invalid UTF-8 is a 400, not text full of U+FFFD.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = decodeUtf8(body as Buffer);
    } catch (err) {
      done(err as Error, undefined);
      return;
    }
    parseJson(req, text, done);
  });
  // NUL, lone surrogates and runaway nesting answer 400 naming the field (SECURITY.md 30).
  app.addHook('preValidation', refuseBadInput);
  // Security headers: helmet's middleware built once. (@fastify/helmet built a new helmet, CSP
  // parsing included, on every request: 8 % of the CPU of a seeker list under load.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Helmet adds upgrade-insecure-requests by default, which breaks a plain-http install
        // (a centre's intranet); HSTS covers the TLS case.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    // HSTS only makes sense behind TLS; helmet sends it and browsers ignore it on http.
    strictTransportSecurity: { maxAge: 31536000 },
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)),
  );
  app.addHook('onRequest', async (req) => {
    const q = (req.query as Record<string, string> | undefined)?.lang;
    req.lang = pickLang({
      query: q,
      cookie: req.cookies?.lang,
      acceptLanguage: req.headers['accept-language'],
    });
  });
  app.setErrorHandler(errorHandler);
  // Services return warnings as field problems (message keys); they are worded here, in the
  // request's language, like errors are.
  app.addHook('preSerialization', async (req, _reply, payload) => {
    const w = (payload as { warnings?: unknown } | null)?.warnings;
    if (!Array.isArray(w) || !w.some((x) => x && typeof x === 'object' && 'key' in x)) return payload;
    // (A message already worded stays when there is no key to word it again.)
    return {
      ...(payload as object),
      warnings: w.map(
        (x: { field: string; key?: string; message?: string; params?: Record<string, string> }) =>
          x.key ? { field: x.field, message: t(req.lang, x.key as MessageKey, x.params) } : x,
      ),
    };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // API answers carry personal data: no browser or proxy may keep a copy.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return problemOnSend(req, reply, payload);
  });
  app.setNotFoundHandler((req, reply) => {
    const p = toProblem({ statusCode: 404, message: '' }, req.lang);
    return reply.status(404).type('application/problem+json').send(p);
  });

  registerProblemSchema(app);
  await app.register(swagger, {
    // Operation ids, security, error statuses as problem+json and raw bodies (openapi.ts).
    transform: describeOperation,
    // Shared schemas keep their $id as their name under components.schemas (Problem).
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ilteo (일터) API',
        description: '일자리센터 통합정보시스템 공개 API / Public API of the job-centre information system',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ilteo_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          partnerKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'ilp_live_<short>_<secret>',
            description:
              '협력 기관 API 키: 각 operation의 security 에 필요한 범위(scope)가 적혀 있습니다 / partner API key; each operation lists the scope it needs',
          },
        },
      },
    },
  });
  // The docs page keeps the CSP every page has (helmet's): no framing, no outside images;
  // validatorUrl null stops swagger-ui loading a badge from validator.swagger.io.
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export type Server = Awaited<ReturnType<typeof createServer>>;
