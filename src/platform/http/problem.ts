import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type FieldProblem } from '../errors.ts';
import { type Lang, t } from '../i18n/i18n.ts';
import { fieldFromPointer, schemaErrorParams, schemaKeywordKey } from './schema-errors.ts';

/** The one place where error codes become HTTP statuses (exhaustive on purpose). */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'locked':
      return 423;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable and specific (`referral.duplicate`, `auth.locked`, `validation`): for programs to act on. */
  code: string;
  errors: { field: string; message: string }[];
  [extra: string]: unknown;
}

function present(lang: Lang, fields: FieldProblem[]) {
  return fields.map((f) => ({ field: f.field, message: t(lang, f.key, f.params) }));
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Turns Fastify/ajv schema errors into field problems named the way the API names fields. */
function fromValidation(err: FastifyError): FieldProblem[] {
  const list = (err.validation ?? []) as AjvError[];
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const v of list) {
    let field = fieldFromPointer(v.instancePath);
    if (v.keyword === 'required')
      field = field ? `${field}.${v.params.missingProperty}` : String(v.params.missingProperty);
    if (v.keyword === 'additionalProperties') {
      field = field ? `${field}.${v.params.additionalProperty}` : String(v.params.additionalProperty);
    }
    if (!field) field = err.validationContext ?? 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({
      field,
      key: schemaKeywordKey[v.keyword] ?? 'field.invalid',
      params: schemaErrorParams(v.params),
    });
  }
  return out;
}

/** Builds an RFC 9457 problem document in the request's language. */
export function toProblem(err: unknown, lang: Lang): Problem {
  if (err instanceof DomainError) {
    const status = statusOf(err.code);
    return {
      type: `urn:ilteo:problem:${err.code}`,
      title: t(lang, `error.${camel(err.code)}`),
      status,
      detail: t(lang, err.key, err.params),
      code: specificCode(err.key),
      errors: present(lang, err.fields),
      ...err.extra,
    };
  }
  const fe = err as FastifyError;
  if (
    (err instanceof Error &&
      /timeout exceeded when trying to connect|Connection terminated/.test(err.message)) ||
    // statement_timeout, lock_timeout, a session ended idle in its transaction: the server was
    // too busy for this request (issue 23), not the request's fault and not a bug.
    /^(57014|55P03|25P03)$/.test(String((err as { code?: unknown } | null)?.code ?? ''))
  ) {
    return {
      type: 'urn:ilteo:problem:unavailable',
      title: t(lang, 'error.unavailable'),
      status: 503,
      detail: t(lang, 'error.unavailable'),
      code: 'unavailable',
      errors: [],
    };
  }
  const pgCode = (err as { code?: string })?.code;
  // Data the database refused as a value (an impossible date, a malformed number, text it
  // cannot encode, a value its CHECK or NOT NULL refuses) is the client's mistake; schemas,
  // services and the bad-input hook should catch it first, this is the net under them.
  if (pgCode && /^(22(007|008|003|P02|001|021|P05)|23514|23502)$/.test(pgCode)) {
    return {
      type: 'urn:ilteo:problem:validation',
      title: t(lang, 'error.validation'),
      status: 400,
      detail: t(lang, 'field.invalid'),
      code: 'validation',
      errors: [],
    };
  }
  if (fe?.validation) {
    return {
      type: 'urn:ilteo:problem:validation',
      title: t(lang, 'error.validation'),
      status: 400,
      detail: t(lang, 'error.validation'),
      code: 'validation',
      errors: present(lang, fromValidation(fe)),
    };
  }
  const status =
    typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  const key =
    status === 414
      ? 'error.uriTooLong'
      : status === 413
        ? 'error.payloadTooLarge'
        : status === 415
          ? 'error.unsupportedMedia'
          : status === 404
            ? 'error.notFound'
            : status === 429
              ? 'error.rateLimited'
              : status >= 500
                ? 'error.internal'
                : 'error.badJson';
  return {
    type: status >= 500 ? 'urn:ilteo:problem:internal' : `urn:ilteo:problem:http-${status}`,
    title: t(lang, key, { type: '' }),
    status,
    detail: t(lang, key, { type: String(fe?.message ?? '').slice(0, 80) }),
    code: specificCode(key),
    errors: [],
  };
}

/** A message key is already a stable dotted name; the generic `error.*` ones drop their prefix. */
function specificCode(key: string): string {
  return key.startsWith('error.') ? key.slice('error.'.length) : key;
}

function camel(code: string): string {
  return code.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * Errors produced inside Fastify's router (414 URI too long, bad URL) skip the error handler;
 * this onSend hook turns any plain JSON error into problem+json so clients see one format.
 */
export function problemOnSend(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const type = String(reply.getHeader('content-type') ?? '');
  if (reply.statusCode < 400 || !type.startsWith('application/json') || typeof payload !== 'string')
    return payload;
  let message = '';
  try {
    message = String((JSON.parse(payload) as { message?: string }).message ?? '');
  } catch {
    // not JSON after all: wrap as is
  }
  reply.type('application/problem+json');
  return JSON.stringify(toProblem({ statusCode: reply.statusCode, message }, req.lang ?? 'ko'));
}

/** Fastify error handler: logs server faults (no request bodies, so no personal data). */
export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err, req.lang ?? 'ko');
  // A refusal for rate carries when to come back (RFC 9110 Retry-After, in seconds).
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter));
  if (problem.status >= 500) req.log.error({ err }, 'request failed');
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
