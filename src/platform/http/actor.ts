import type { Lang } from '../i18n/i18n.ts';

export const roles = [
  'admin',
  'manager',
  'counsellor',
  'outreach',
  'department',
  'employer',
  'seeker',
  'partner',
] as const;
export type Role = (typeof roles)[number];

/** Who is making the request, resolved once per request from a session or an API token. */
export interface Actor {
  userId: string;
  login: string;
  name: string;
  role: Role;
  centreId: string | null;
  employerId: string | null;
  seekerId: string | null;
  /**
   * A 부서 담당자's department (role `department`): the one-stop admin support requests routed to
   * it are all such an account sees. Absent or null for every other role.
   */
  departmentId?: string | null;
  /**
   * The centre that serves a signed-in account (the session's centre: the staff member's, the
   * company's or the job seeker's), its name and main number for the page footer; absent for a
   * token or an account with none.
   */
  homeCentre?: { name: string; phone: string | null } | null;
  /** Centres whose records this actor may see: its centre and the centres below it; null = all. */
  centreScope: readonly string[] | null;
  via: 'session' | 'token';
  sessionId: string | null;
  /**
   * A user who must have a second factor (SECURITY.md 5) and has none enrolled for this session:
   * it may only enrol one, see who it is and log out until the enrolment is confirmed.
   */
  totpEnrolmentRequired?: boolean;
  /**
   * Set when the request carries a partner API key (features/partners): the key acts for the
   * partner's account and only within these scopes (policy.ts), and what it reads of seekers
   * is recorded as a provision to a third party.
   */
  partner?: PartnerCredential;
}

/** Scopes a partner API key may hold (API.md "Field operations": partners). */
export const partnerScopes = [
  'postings:read',
  'postings:write',
  'seekers:read_consented',
  'events:read',
  'referrals:write',
  'webhooks:manage',
] as const;
export type PartnerScope = (typeof partnerScopes)[number];

export interface PartnerCredential {
  partnerId: string;
  keyId: string;
  /** The partner's name: the recipient named in the provision ledger. */
  name: string;
  /** Why the partner receives personal data (제3자 제공 목적). */
  purpose: string;
  scopes: readonly PartnerScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
  }
}
