import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { pickLang } from '../i18n/i18n.ts';
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
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
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
  await app.register(helmet, {
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
  app.addHook('onRequest', async (req) => {
    const q = (req.query as Record<string, string> | undefined)?.lang;
    req.lang = pickLang({
      query: q,
      cookie: req.cookies?.lang,
      acceptLanguage: req.headers['accept-language'],
    });
  });
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply, payload) => problemOnSend(req, reply, payload));
  app.setNotFoundHandler((req, reply) => {
    const p = toProblem({ statusCode: 404, message: '' }, req.lang);
    return reply.status(404).type('application/problem+json').send(p);
  });

  await app.register(swagger, {
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
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

export type Server = Awaited<ReturnType<typeof createServer>>;
