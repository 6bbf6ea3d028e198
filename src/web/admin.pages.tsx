import { can } from '../platform/access/policy.ts';
import type { AppContext } from '../platform/context.ts';
import type { Server } from '../platform/http/server.ts';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { adminSections, registerAdminSection } from './admin-sections.ts';
import { Layout, renderPage } from './layout.tsx';
import { pageOpts, requireActor } from './page.tsx';
import { pageExists } from './registry.ts';

// /staff/admin (issue 15): the index of the administration pages. Each link comes from the
// registry in admin-sections.ts; only pages that exist and that the reader may open are shown.

defineMessages({
  'adm.title': ['관리', 'Administration'],
  'adm.lead': [
    '센터 운영에 필요한 설정과 점검 화면입니다. 권한이 있는 화면만 보입니다.',
    'Settings and checks for running the centres; only the pages you may use are listed.',
  ],
  'adm.none': [
    '열 수 있는 관리 화면이 없습니다. 권한이 필요하면 센터 관리자에게 요청하세요.',
    'No administration page is open to you; ask your centre manager for access.',
  ],
  'adm.targets': ['센터 연간 목표', 'Centre targets'],
  'adm.targetsText': [
    '센터별·연도별 성과 목표를 정하고 실적과 비교합니다.',
    'Set each centre’s yearly targets and compare them with the results.',
  ],
  'adm.partners': ['협력기관 API 키', 'Partner API keys'],
  'adm.partnersText': [
    '협력기관에 API 키를 발급하고 회수합니다. 제3자 제공 기록도 여기서 봅니다.',
    'Issue and revoke partners’ API keys; the provision ledger is here too.',
  ],
  'adm.webhooks': ['웹훅', 'Webhooks'],
  'adm.webhooksText': [
    '다른 시스템에 변경을 알리는 주소와 전송 기록입니다.',
    'Addresses told of changes, and what was delivered.',
  ],
  'adm.templates': ['알림 문구', 'Notification texts'],
  'adm.templatesText': [
    '문자·알림톡으로 보내는 안내 문구를 고칩니다.',
    'Edit the texts sent by SMS and KakaoTalk.',
  ],
  'adm.outbox': ['발송 현황', 'Messages sent'],
  'adm.outboxText': ['보낸 알림과 실패한 알림을 상태별로 봅니다.', 'Messages sent and failed, by status.'],
});

// The sections known today; features landing later add theirs with registerAdminSection.
registerAdminSection({
  href: '/staff/admin/targets',
  title: 'adm.targets',
  text: 'adm.targetsText',
  permission: 'centres.settings',
});
registerAdminSection({
  href: '/staff/admin/partners',
  title: 'adm.partners',
  text: 'adm.partnersText',
  permission: 'partners.ledger',
});
registerAdminSection({
  href: '/staff/admin/webhooks',
  title: 'adm.webhooks',
  text: 'adm.webhooksText',
  permission: 'webhooks.manage',
});
registerAdminSection({
  href: '/staff/admin/templates',
  title: 'adm.templates',
  text: 'adm.templatesText',
  permission: 'notifications.templates',
});
registerAdminSection({
  href: '/staff/admin/outbox',
  title: 'adm.outbox',
  text: 'adm.outboxText',
  permission: 'notifications.read',
});

/** Registers /staff/admin. */
export function registerAdminPages(app: Server, _ctx: AppContext): void {
  app.get('/staff/admin', pageOpts, async (req, reply) => {
    const actor = requireActor(req);
    const L = req.lang;
    const open = adminSections().filter((s) => can(actor, s.permission) && pageExists(s.href));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'adm.title')}>
        <h1>{t(L, 'adm.title')}</h1>
        <p class="muted">{t(L, 'adm.lead')}</p>
        {open.length === 0 ? (
          <p class="empty">{t(L, 'adm.none')}</p>
        ) : (
          <ul class="cards">
            {open.map((s) => (
              <li class="card" key={s.href}>
                <h2>
                  <a href={s.href}>{t(L, s.title)}</a>
                </h2>
                <p>{t(L, s.text)}</p>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
