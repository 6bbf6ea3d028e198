import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { registerAdminSection } from '../../web/admin-sections.ts';
import { koDate } from '../../web/dates.ts';
import { Input } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { num, pageOpts, query, requirePermission } from '../../web/page.tsx';
import { monthlyReview } from './audit.service.ts';

// /staff/admin/audit (issue 15, SECURITY.md): the monthly access review — every download and
// print with its reason, access outside working hours, and unusually heavy viewers — over
// monthlyReview, for managers (their centres) and admins.

defineMessages({
  'au.title': ['월간 접속기록 점검', 'Monthly access review'],
  'au.text': [
    '개인정보 내려받기·인쇄와 그 사유, 근무시간 외 접속, 조회가 유난히 많은 사용자를 달마다 점검합니다.',
    'Each month: downloads and prints with their reasons, access outside hours, heavy viewers.',
  ],
  'au.month': ['점검할 달', 'Month'],
  'au.show': ['보기', 'Show'],
  'au.downloads': ['내려받기·인쇄 ({n}건)', 'Downloads and prints ({n})'],
  'au.night': [
    '근무시간 외 접속 (06시 전·22시 이후, {n}건)',
    'Outside hours (before 06:00, after 21:59; {n})',
  ],
  'au.heavy': ['조회가 많은 사용자 ({n}명)', 'Heavy viewers ({n})'],
  'au.heavyRule': [
    '한 달 조회 수가 전체 사용자 중앙값의 3배 이상이고 200건 이상인 사용자입니다.',
    'Users with at least three times the median views of the month and 200 or more.',
  ],
  'au.at': ['일시', 'When'],
  'au.who': ['사용자', 'User'],
  'au.action': ['행위', 'Action'],
  'au.subject': ['대상', 'Record'],
  'au.reason': ['사유', 'Reason'],
  'au.noReason': ['(사유 없음)', '(no reason)'],
  'au.views': ['조회 수', 'Views'],
  'au.median': ['중앙값', 'Median'],
  'au.none': ['이 달에는 해당하는 기록이 없습니다.', 'Nothing this month.'],
  'au.action.view': ['조회', 'view'],
  'au.action.create': ['등록', 'create'],
  'au.action.update': ['변경', 'update'],
  'au.action.delete': ['삭제', 'delete'],
  'au.action.print': ['인쇄', 'print'],
  'au.action.download': ['내려받기', 'download'],
  'au.subject.seeker': ['구직자', 'seeker'],
  'au.subject.employer': ['구인기업', 'employer'],
  'au.subject.report': ['성과 보고서', 'report'],
  'au.subject.referral': ['알선', 'referral'],
  'au.subject.posting': ['구인공고', 'posting'],
  'au.subject.user': ['사용자', 'user'],
});

registerAdminSection({
  href: '/staff/admin/audit',
  title: 'au.title',
  text: 'au.text',
  permission: 'audit.read',
});

const KNOWN_SUBJECTS = new Set(['seeker', 'employer', 'report', 'referral', 'posting', 'user']);
const subjectName = (s: string, L: Lang) => (KNOWN_SUBJECTS.has(s) ? t(L, `au.subject.${s}`) : s);

function thisMonth(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
}

type Row = Awaited<ReturnType<typeof monthlyReview>>['downloads'][number];

function Rows({ rows, L }: { rows: Row[]; L: Lang }) {
  if (rows.length === 0) return <p class="empty">{t(L, 'au.none')}</p>;
  return (
    <StackTable lang={L} columns={['au.at', 'au.who', 'au.action', 'au.subject', 'au.reason']}>
      {rows.map((r, i) => (
        <tr key={`${r.at}-${i}`}>
          <td data-label={t(L, 'au.at')}>{koDate(r.at, L, true)}</td>
          <td data-label={t(L, 'au.who')}>{r.actorLogin ?? ''}</td>
          <td data-label={t(L, 'au.action')}>{t(L, `au.action.${r.action}`)}</td>
          <td data-label={t(L, 'au.subject')}>{subjectName(r.subjectType, L)}</td>
          <td data-label={t(L, 'au.reason')}>{r.reason ?? t(L, 'au.noReason')}</td>
        </tr>
      ))}
    </StackTable>
  );
}

/** Registers /staff/admin/audit. */
export function registerAuditPages(app: Server, ctx: AppContext): void {
  app.get('/staff/admin/audit', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'audit.read');
    const L = req.lang;
    const q = query(req);
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(q.month ?? '') ? (q.month as string) : thisMonth();
    const r = await monthlyReview(ctx.db, actor, month);
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'au.title')} nav="/staff/admin">
        <h1>{t(L, 'au.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/audit" />
        <p class="muted">{t(L, 'au.text')}</p>
        <form method="get" action="/staff/admin/audit" class="search">
          <Input lang={L} name="month" type="month" label={t(L, 'au.month')} value={month} />
          <div class="actions">
            <button type="submit">{t(L, 'au.show')}</button>
          </div>
        </form>
        <section aria-labelledby="dl-h">
          <h2 id="dl-h">{t(L, 'au.downloads', { n: num(r.downloads.length) })}</h2>
          <Rows rows={r.downloads} L={L} />
        </section>
        <section aria-labelledby="night-h">
          <h2 id="night-h">{t(L, 'au.night', { n: num(r.outsideHours.length) })}</h2>
          <Rows rows={r.outsideHours} L={L} />
        </section>
        <section aria-labelledby="heavy-h">
          <h2 id="heavy-h">{t(L, 'au.heavy', { n: num(r.heavyViewers.length) })}</h2>
          <p class="muted">{t(L, 'au.heavyRule')}</p>
          {r.heavyViewers.length === 0 ? (
            <p class="empty">{t(L, 'au.none')}</p>
          ) : (
            <StackTable lang={L} columns={['au.who', 'au.views', 'au.median']}>
              {r.heavyViewers.map((h) => (
                <tr key={h.actorLogin ?? ''}>
                  <td data-label={t(L, 'au.who')}>{h.actorLogin ?? ''}</td>
                  <td data-label={t(L, 'au.views')}>{num(h.views)}</td>
                  <td data-label={t(L, 'au.median')}>{num(h.medianViews)}</td>
                </tr>
              ))}
            </StackTable>
          )}
        </section>
      </Layout>,
    );
  });
}
