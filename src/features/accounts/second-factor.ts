import type { Role } from '../../platform/http/actor.ts';

/** Back-office roles that follow their centre's TOTP setting (SECURITY.md 5 says "staff"). */
const centreStaff: ReadonlySet<Role> = new Set(['manager', 'counsellor', 'outreach', 'department']);

/**
 * SECURITY.md 5: admins always log in with a second factor, staff when their centre requires
 * it. Seekers, employer users and partner API clients are not staff and are never required.
 */
export function needsSecondFactor(role: Role, centreRequiresTotp: boolean | null): boolean {
  return role === 'admin' || (centreRequiresTotp === true && centreStaff.has(role));
}
