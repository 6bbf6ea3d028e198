import type { Actor } from '../../platform/http/actor.ts';
import { isStaff } from '../../web/layout.tsx';
import { TOTP_ENROL_PAGE } from './auth.hook.ts';

/** Where a user lands after login (the enrolment page while a second factor is missing). */
export function homeOf(actor: Pick<Actor, 'role' | 'totpEnrolmentRequired'> | null): string {
  if (!actor) return '/';
  if (actor.totpEnrolmentRequired) return TOTP_ENROL_PAGE;
  if (isStaff(actor as Actor)) return '/staff';
  if (actor.role === 'seeker') return '/me';
  if (actor.role === 'employer') return '/employer';
  if (actor.role === 'department') return '/department/requests';
  return '/';
}
