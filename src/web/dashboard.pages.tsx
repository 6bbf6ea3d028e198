import type { FastifyRequest } from 'fastify';
import { todaySection } from '../features/appointments/appointments.pages.tsx';
import { gazetteCoverage } from '../features/calendar/calendar.service.ts';
import { getCaseload } from '../features/counselling/caseload.service.ts';
import { careQueue } from '../features/seekers/care.service.ts';
import { can } from '../platform/access/policy.ts';
import type { AppContext } from '../platform/context.ts';
import { seoulToday } from '../platform/domain/dates.ts';
import type { Server } from '../platform/http/server.ts';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { Alert } from './alert.tsx';
import { asset } from './assets.ts';
import { isStaff, Layout, renderPage } from './layout.tsx';
import { num, pageOpts, requireActor, seoul } from './page.tsx';
import { pageExists } from './registry.ts';

defineMessages({
  'page.dash.title': ['대시보드', 'Dashboard'],
  'page.dash.hello': ['{name}님, 오늘의 업무입니다.', 'Hello {name}, here is your day.'],
  'page.dash.figures': ['주요 지표', 'Key figures'],
  'page.dash.caseload': ['담당 구직자', 'My caseload'],
  'page.dash.today': ['오늘 상담 예정', 'Appointments today'],
  'page.dash.contactsToday': ['오늘 연락 예정', 'Contacts due today'],
  'page.dash.calendar': ['상담 일정', 'Appointments'],
  'page.dash.overdue': ['연락이 밀린 구직자', 'Contacts overdue'],
  'page.dash.intensive': ['집중관리(토털케어) 대상', 'Intensive-care queue'],
  'page.dash.todayList': ['오늘 연락할 구직자', 'Seekers to contact today'],
  'page.dash.overdueList': ['연락 예정일이 지난 구직자', 'Follow-ups past their date'],
  'page.dash.queueList': [
    '집중관리 대기열 (오래 연락하지 않은 순)',
    'Intensive-care queue (longest without contact first)',
  ],
  'page.dash.name': ['이름', 'Name'],
  'page.dash.regNo': ['구직번호', 'Registration no.'],
  'page.dash.next': ['다음 연락', 'Next contact'],
  'page.dash.last': ['최근 상담', 'Last counselling'],
  'page.dash.referrals': ['알선 횟수', 'Referrals'],
  'page.dash.never': ['없음', 'never'],
  'page.dash.quick': ['바로가기', 'Quick actions'],
  'page.dash.newSeeker': ['구직자 등록', 'Register a seeker'],
  'page.dash.findSeeker': ['구직자 찾기', 'Find a seeker'],
  'page.dash.approvals': ['구인공고 승인', 'Approve postings'],
  'page.dash.referralBoard': ['알선 현황', 'Referral board'],
  'page.dash.followups': ['사후관리 (1·3·6개월)', 'Follow-ups (1, 3, 6 months)'],
  'page.dash.outbox': ['알림 발송 현황', 'Notifications sent'],
  'page.dash.templates': ['알림 템플릿', 'Notification templates'],
  'page.dash.holidaysMissing': [
    '{year}년 공휴일 관보 자료가 아직 없습니다. 예약·기한 계산이 주말만 쉬는 날로 봅니다. 관리자는 패키지(@hyunbinseo/holidays-kr)를 갱신하거나 공휴일을 직접 등록하세요.',
    'The official {year} holiday data is not loaded yet: bookings and due dates count only weekends as days off. Update @hyunbinseo/holidays-kr or declare the holidays.',
  ],
});

interface Row {
  seekerId: string;
  name: string;
  registrationNo: string;
  at: string | null;
  extra?: string;
}

function SeekerTable({
  req,
  caption,
  rows,
  atLabel,
}: {
  req: FastifyRequest;
  caption: string;
  rows: Row[];
  atLabel: string;
}) {
  const L = req.lang;
  if (rows.length === 0) {
    return (
      <section>
        <h2>{caption}</h2>
        <p class="muted">{t(L, 'web.empty')}</p>
      </section>
    );
  }
  return (
    <section>
      <h2>{caption}</h2>
      <div class="table-wrap">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t(L, 'page.dash.name')}</th>
              <th scope="col">{t(L, 'page.dash.regNo')}</th>
              <th scope="col">{atLabel}</th>
              {rows.some((r) => r.extra !== undefined) ? (
                <th scope="col">{t(L, 'page.dash.referrals')}</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seekerId}>
                <td data-label={t(L, 'page.dash.name')}>
                  <a href={`/staff/seekers/${r.seekerId}`}>{r.name}</a>
                </td>
                <td data-label={t(L, 'page.dash.regNo')}>{r.registrationNo}</td>
                <td data-label={atLabel}>{r.at ? seoul(r.at) : t(L, 'page.dash.never')}</td>
                {r.extra !== undefined ? <td data-label={t(L, 'page.dash.referrals')}>{r.extra}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** /staff: today's contacts, overdue follow-ups, the intensive-care queue and key figures. */
export function registerDashboardPages(app: Server, ctx: AppContext): void {
  app.get('/staff', pageOpts, async (req, reply) => {
    const actor = requireActor(req);
    if (!isStaff(actor)) return reply.redirect('/', 303);
    const L = req.lang;
    const counsels = can(actor, 'counselling.read');
    const caseload = counsels
      ? await getCaseload(ctx.db, actor, { offset: 0, limit: 100, ip: req.ip })
      : { items: [], total: 0, overdue: 0, today: 0 };
    const queue = counsels
      ? await careQueue(ctx.db, actor, { offset: 0, limit: 10 }, req.ip)
      : { items: [], total: 0 };
    // Every date feature leans on the holiday table: say so while next year's gazette is missing.
    const today = seoulToday();
    const coverage = await gazetteCoverage({ db: ctx.db }, today);
    const appointments = await todaySection(ctx, req);
    const figures = [
      { key: 'page.dash.caseload', value: caseload.total },
      { key: 'page.dash.today', value: appointments.count },
      { key: 'page.dash.contactsToday', value: caseload.today },
      { key: 'page.dash.overdue', value: caseload.overdue },
      { key: 'page.dash.intensive', value: queue.total },
    ];
    const quick = [
      {
        href: '/staff/seekers/new',
        key: 'page.dash.newSeeker',
        shortcut: 'n',
        ok: can(actor, 'seekers.write'),
      },
      {
        href: '/staff/calendar',
        key: 'page.dash.calendar',
        shortcut: 'g c',
        ok: can(actor, 'appointments.write'),
      },
      {
        href: '/staff/seekers',
        key: 'page.dash.findSeeker',
        shortcut: 'g s',
        ok: can(actor, 'seekers.read'),
      },
      {
        href: '/staff/postings',
        key: 'page.dash.approvals',
        shortcut: 'g p',
        ok: can(actor, 'postings.approve'),
      },
      {
        href: '/staff/referrals',
        key: 'page.dash.referralBoard',
        shortcut: 'g r',
        ok: can(actor, 'referrals.read'),
      },
      {
        href: '/staff/followups',
        key: 'page.dash.followups',
        shortcut: 'g f',
        ok: can(actor, 'employments.read'),
      },
      {
        href: '/staff/admin/outbox',
        key: 'page.dash.outbox',
        shortcut: 'g o',
        ok: can(actor, 'notifications.read'),
      },
      {
        href: '/staff/admin/templates',
        key: 'page.dash.templates',
        shortcut: 'g t',
        ok: can(actor, 'notifications.templates'),
      },
    ].filter((q) => q.ok && pageExists(q.href));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'page.dash.title')}>
        <h1>{t(L, 'page.dash.title')}</h1>
        <p>{t(L, 'page.dash.hello', { name: actor.name })}</p>
        {coverage.nextYearMissing ? (
          <Alert kind="error" id="holidays-missing">
            <p>{t(L, 'page.dash.holidaysMissing', { year: Number(today.slice(0, 4)) + 1 })}</p>
          </Alert>
        ) : null}
        <section aria-labelledby="figures">
          <h2 id="figures" class="visually-hidden">
            {t(L, 'page.dash.figures')}
          </h2>
          <ul class="figures">
            {figures.map((f) => (
              <li key={f.key}>
                <span class="value">{num(f.value)}</span>
                {t(L, f.key)}
              </li>
            ))}
          </ul>
        </section>
        {quick.length ? (
          <nav aria-label={t(L, 'page.dash.quick')} class="actions">
            {quick.map((q) => (
              <a
                key={q.href}
                class="button secondary"
                href={q.href}
                data-key={q.shortcut}
                aria-keyshortcuts={q.shortcut.replace(' ', '+')}
              >
                {t(L, q.key)} <kbd>{q.shortcut}</kbd>
              </a>
            ))}
          </nav>
        ) : null}
        {appointments.node ? (
          <>
            <link rel="stylesheet" href={asset('calendar.css')} />
            {appointments.node}
          </>
        ) : null}
        <div class="two">
          <SeekerTable
            req={req}
            caption={t(L, 'page.dash.todayList')}
            atLabel={t(L, 'page.dash.next')}
            rows={caseload.items
              .filter((i) => i.today)
              .map((i) => ({
                seekerId: i.seekerId,
                name: i.name,
                registrationNo: i.registrationNo,
                at: i.nextContactAt,
              }))}
          />
          <SeekerTable
            req={req}
            caption={t(L, 'page.dash.overdueList')}
            atLabel={t(L, 'page.dash.next')}
            rows={caseload.items
              .filter((i) => i.overdue)
              .map((i) => ({
                seekerId: i.seekerId,
                name: i.name,
                registrationNo: i.registrationNo,
                at: i.nextContactAt,
              }))}
          />
        </div>
        <SeekerTable
          req={req}
          caption={t(L, 'page.dash.queueList')}
          atLabel={t(L, 'page.dash.last')}
          rows={queue.items.map((i) => ({
            seekerId: i.seekerId,
            name: i.name,
            registrationNo: i.registrationNo,
            at: i.lastCounsellingAt,
            extra: String(i.referralCount),
          }))}
        />
      </Layout>,
    );
  });
}
