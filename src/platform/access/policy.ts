import { DomainError } from '../errors.ts';
import type { Actor, PartnerScope, Role } from '../http/actor.ts';
import './access.messages.ts';

/**
 * Who may do what, in one table (SECURITY.md 1). Routes declare the permission they need in
 * `config.permission`; the auth hook checks it before the handler runs. Record-level rules
 * (centre scoping, ownership) are applied by the services with `inScope`.
 */
const matrix = {
  'centres.read': ['admin', 'manager', 'counsellor', 'outreach'],
  'centres.manage': ['admin'],
  'centres.settings': ['admin', 'manager'],
  'users.read': ['admin', 'manager'],
  'users.manage': ['admin', 'manager'],
  'tokens.create': ['admin', 'manager', 'counsellor', 'outreach', 'partner'],
  'audit.read': ['admin', 'manager'],
  'seekers.read': ['admin', 'manager', 'counsellor', 'outreach', 'partner'],
  'seekers.write': ['admin', 'manager', 'counsellor'],
  'seekers.self': ['seeker'],
  'counselling.read': ['admin', 'manager', 'counsellor'],
  'counselling.write': ['admin', 'manager', 'counsellor'],
  'appointments.read': ['admin', 'manager', 'counsellor', 'seeker'],
  'appointments.write': ['admin', 'manager', 'counsellor'],
  'employers.read': ['admin', 'manager', 'counsellor', 'outreach', 'employer', 'partner'],
  'employers.write': ['admin', 'manager', 'counsellor', 'outreach'],
  'postings.read': ['admin', 'manager', 'counsellor', 'outreach', 'employer', 'partner'],
  'postings.write': ['admin', 'manager', 'counsellor', 'outreach', 'employer'],
  'postings.approve': ['admin', 'manager', 'counsellor'],
  'matching.read': ['admin', 'manager', 'counsellor', 'seeker'],
  'referrals.read': ['admin', 'manager', 'counsellor', 'employer', 'seeker'],
  'referrals.write': ['admin', 'manager', 'counsellor'],
  'employments.read': ['admin', 'manager', 'counsellor'],
  'employments.write': ['admin', 'manager', 'counsellor'],
  'reports.read': ['admin', 'manager', 'counsellor'],
  'imports.run': ['admin', 'manager', 'counsellor'],
  'privacy.manage': ['admin', 'manager'],
  'holidays.manage': ['admin'],
  'partners.manage': ['admin'],
  'partners.ledger': ['admin', 'manager'],
  'notifications.read': ['admin', 'manager', 'counsellor'],
  'notifications.templates': ['admin'],
  /** A seeker's or a company account's own notification choices and messages (/me/notifications). */
  'notifications.self': ['seeker', 'employer'],
  'bookings.book': ['admin', 'manager', 'counsellor', 'outreach', 'employer', 'seeker'],
  'bookings.manage': ['admin', 'manager', 'counsellor', 'outreach'],
  'suits.manage': ['admin', 'manager', 'counsellor', 'outreach'],
  'webhooks.manage': ['admin'],
  /** A partner key's own endpoints (scope webhooks:manage); no role holds it. */
  'webhooks.own': [],
  'events.manage': ['admin', 'manager', 'counsellor', 'outreach'],
  'events.take_part': ['admin', 'manager', 'counsellor', 'outreach', 'employer', 'seeker'],
  'outreach.read': ['admin', 'manager', 'counsellor', 'outreach'],
  'outreach.write': ['admin', 'manager', 'counsellor', 'outreach'],
  /** Reading admin support requests: staff of the centre, the company's users, the department's. */
  'outreach.requests': ['admin', 'manager', 'counsellor', 'outreach', 'department', 'employer'],
  /** Moving a request on (in progress, answered…): staff, and a 부서 담당자 for its own department. */
  'requests.handle': ['admin', 'manager', 'counsellor', 'outreach', 'department'],
  /** A 부서 담당자's own pages (/department/requests). */
  'requests.department': ['department'],
  'departments.manage': ['admin', 'manager', 'outreach'],
  'desks.manage': ['admin', 'manager', 'counsellor', 'outreach'],
  'publicjobs.manage': ['admin', 'manager', 'counsellor'],
  'publicjobs.apply': ['admin', 'manager', 'counsellor', 'seeker'],
  'programmes.manage': ['admin', 'manager', 'counsellor', 'outreach'],
  'programmes.enrol': ['admin', 'manager', 'counsellor', 'outreach', 'seeker'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;

/**
 * What a partner API key may do: each permission a scope grants (SECURITY.md 23). A key is
 * held to these alone, never to the role matrix; a permission no scope grants is refused.
 * `events:read` grants no permission: every read of a hiring event without personal data
 * (the event, its employers, free slots, totals) is public, and the rest names seekers. It is
 * what a partner's webhook endpoint needs to receive event.published, event.updated,
 * event.cancelled and booking.* (the webhooks catalogue's `WEBHOOK_EVENT_SCOPE`).
 */
const scopeOfPermission: Partial<Record<Permission, PartnerScope>> = {
  'postings.read': 'postings:read',
  'employers.read': 'postings:read',
  'postings.write': 'postings:write',
  'seekers.read': 'seekers:read_consented',
  'referrals.write': 'referrals:write',
  'webhooks.own': 'webhooks:manage',
};

/** The scope a partner key needs for a permission (null: no key may have it). */
export function partnerScopeFor(permission: Permission): PartnerScope | null {
  return scopeOfPermission[permission] ?? null;
}

/** False for every permission while the actor still has to enrol its second factor. */
export function can(actor: Actor | null, permission: Permission): boolean {
  if (actor === null || actor.totpEnrolmentRequired) return false;
  if (actor.partner) {
    const scope = partnerScopeFor(permission);
    return scope !== null && actor.partner.scopes.includes(scope);
  }
  return (matrix[permission] as readonly Role[]).includes(actor.role);
}

/** 403 `partner.scope` naming the scope the key lacks (null when no scope grants it). */
function outsideScope(permission: Permission): DomainError {
  const scope = partnerScopeFor(permission);
  return new DomainError('forbidden', 'partner.scope', { scope: scope ?? '-' }, [], { scope });
}

/** Where a session that must enrol its second factor starts (named in the 403 below). */
export const TOTP_ENROL_PATH = '/api/v1/auth/totp/enrol';

/**
 * The 403 of an actor that must enrol its second factor before anything else (SECURITY.md 5);
 * its problem type tells clients apart from an ordinary refusal, and it names the enrolment.
 */
export function totpEnrolmentRequired(): DomainError {
  return new DomainError('forbidden', 'access.totpEnrolmentRequired', {}, [], {
    type: 'urn:ilteo:problem:totp-enrolment-required',
    enrolment: TOTP_ENROL_PATH,
  });
}

/** Throws 401 without an actor and 403 without the permission (or before TOTP enrolment). */
export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
  if (actor.totpEnrolmentRequired) throw totpEnrolmentRequired();
  if (actor.partner && !can(actor, permission)) throw outsideScope(permission);
  if (!can(actor, permission)) throw new DomainError('forbidden', 'error.forbidden');
}

/** True when a record owned by `centreId` lies in the actor's centre subtree. */
export function inScope(actor: Actor, centreId: string | null): boolean {
  if (actor.centreScope === null) return true;
  return centreId !== null && actor.centreScope.includes(centreId);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permission the route requires; omit only with `public: true`. */
    permission?: Permission;
    public?: boolean;
  }
}
