import type { Permission } from '../platform/access/policy.ts';

/** A link on the /staff/admin index: its page, its name (message key) and who may open it. */
export interface AdminSection {
  href: string;
  /** message key of the link text */
  title: string;
  /** message key of the one-line description */
  text: string;
  permission: Permission;
}

const sections: AdminSection[] = [];

/**
 * Adds a link to the /staff/admin index; a feature with an admin page adds its own in one line.
 * Links whose page is not registered (a feature not landed) are left out when the index is shown.
 */
export function registerAdminSection(s: AdminSection): void {
  if (!sections.some((x) => x.href === s.href)) sections.push(s);
}

/** The registered sections, in the order they were added. */
export function adminSections(): readonly AdminSection[] {
  return sections;
}
