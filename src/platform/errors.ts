import type { MessageKey } from './i18n/i18n.ts';
import './i18n/messages.ts';

/** Every domain error carries one of these codes; http/errors.ts maps each to a status. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable';

/** A field-level problem; the message is resolved in the request's language when presented. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** An error the user can act on. Never carries personal data in its message. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    /** Extra JSON members of the problem document, e.g. the id of an existing duplicate. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

/** Shorthand for a 400 with one or more field problems. */
export function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('validation', 'error.validation', {}, fields);
}

export function notFound(what: MessageKey = 'error.notFound'): DomainError {
  return new DomainError('not_found', what);
}

export function forbidden(): DomainError {
  return new DomainError('forbidden', 'error.forbidden');
}

export function conflict(key: MessageKey, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError('conflict', key, {}, [], extra);
}
