import type { FastifyRequest } from 'fastify';
import { can } from '../platform/access/policy.ts';
import { t } from '../platform/i18n/i18n.ts';
import { adminSections } from './admin-sections.ts';
import { pageExists } from './registry.ts';
import { TabNav } from './tabs.tsx';

/**
 * The administration pages as KRDS tabs under a page's heading: the /staff/admin index first,
 * then each registered section the reader may open (the same choice as the index), `here` marked.
 */
export function AdminMenu({ req, here }: { req: FastifyRequest; here: string }) {
  const L = req.lang;
  const actor = req.actor;
  const open = actor ? adminSections().filter((s) => can(actor, s.permission) && pageExists(s.href)) : [];
  return (
    <TabNav
      label={t(L, 'adm.title')}
      tabs={[
        { href: '/staff/admin', text: t(L, 'adm.title') },
        ...open.map((s) => ({ href: s.href, text: t(L, s.title) })),
      ]}
      current={here}
    />
  );
}
