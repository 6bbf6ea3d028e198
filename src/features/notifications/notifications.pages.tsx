import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { codeLabel, defineMessages, t } from '../../platform/i18n/i18n.ts';
import { outboxCounts } from '../../platform/outbox/outbox.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { Alert } from '../../web/alert.tsx';
import { Check, Csrf, type FieldErrors, fieldErrors, keyOptions, Select } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { SearchForm, StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, requireActor, requirePermission, seoul } from '../../web/page.tsx';
import {
  errorKeyOrText,
  listNotifications,
  notificationCounts,
  ownNotifications,
} from './notifications.service.ts';
import type { NotificationStatus } from './notifications.tables.ts';
import { getOwnPreferences, setOwnPreferences } from './preferences.service.ts';
import { TemplateForm } from './template-form.tsx';
import { listTemplates, updateTemplate } from './templates.service.ts';

// Pages of notifications (issue 22): /staff/admin/templates (admins edit the Korean texts),
// /staff/admin/outbox (every message with its status), /me/notifications (a seeker's own
// messages and channel choices).

defineMessages({
  'np.templates': ['알림 템플릿', 'Notification templates'],
  'np.templatesIntro': [
    '#{항목} 자리에 발송 시 값이 들어갑니다. 알림톡은 카카오 승인 템플릿 ID가 있고 본문이 승인된 본문과 같을 때만 쓰이며, 본문을 바꾸면 다시 승인받을 때까지 문자로 보냅니다. 광고성 메시지는 수신 동의자에게만, (광고) 표시와 수신거부 방법을 붙여 보냅니다.',
    'Fields #{field} are filled when sending. 알림톡 is used only with an approved template id while the body is the approved one; a changed body goes by SMS until approved again. Advertising goes only to those who opted in, with (광고) and a free opt-out.',
  ],
  'np.name': ['이름', 'Name'],
  'np.subject': ['제목', 'Subject'],
  'np.body': ['본문', 'Body'],
  'np.category': ['구분', 'Kind'],
  'np.urgent': ['긴급(야간에도 발송)', 'Urgent (also at night)'],
  'np.alimtalkId': ['알림톡 승인 템플릿 ID', 'Approved 알림톡 template id'],
  'np.alimtalkActive': ['알림톡 사용 중', '알림톡 in use'],
  'np.alimtalkOff': ['문자로 발송', 'Sent by SMS'],
  'np.fields': ['쓸 수 있는 항목', 'Fields'],
  'np.recipient': ['받는 사람', 'Recipient'],
  'np.recipient.seeker': ['구직자', 'Job seeker'],
  'np.recipient.employer': ['구인기업', 'Employer'],
  'np.recipient.user': ['직원', 'Staff'],
  'np.save': ['저장', 'Save'],
  'np.saved': ['템플릿을 저장했습니다.', 'The template is saved.'],
  'np.outbox': ['알림 발송 현황', 'Outbox'],
  'np.outboxIntro': [
    '알림은 원인이 된 변경과 함께 저장되고 발송 작업이 차례로 보냅니다. 긴급하지 않은 알림은 밤(기본 20시–8시)에는 아침 8시까지 보류하며, 광고성은 야간 수신 동의가 없으면 법정 21시–8시를 포함해 언제나 보류합니다.',
    'Messages are saved with the change that causes them and sent by the outbox worker; non-urgent ones wait at night (20:00–08:00 by default) until the morning, and advertising always keeps the law’s 21:00–08:00 unless the recipient opted in to night messages.',
  ],
  'np.status': ['상태', 'Status'],
  'np.all': ['전체', 'All'],
  'np.template': ['템플릿', 'Template'],
  'np.channel': ['채널', 'Channel'],
  'np.notBefore': ['발송 예정', 'Not before'],
  'np.sentAt': ['발송 시각', 'Sent'],
  'np.error': ['사유·오류', 'Reason / error'],
  'np.created': ['생성', 'Created'],
  'np.fallback': ['(알림톡 실패 → 문자)', '(알림톡 failed → SMS)'],
  'np.empty': ['표시할 알림이 없습니다.', 'No messages.'],
  'np.otherKinds': ['다른 발송(웹훅 등)', 'Other outbox messages (webhooks, …)'],
  'np.kind': ['종류', 'Kind'],
  'np.outbox.kind.webhook': ['웹훅 전송', 'Webhook delivery'],
  'np.outbox.status.pending': ['보낼 차례', 'Waiting'],
  'np.outbox.status.done': ['완료', 'Done'],
  'np.outbox.status.failed': ['실패(재시도 끝)', 'Failed (out of retries)'],
  'np.outbox.status.cancelled': ['취소', 'Cancelled'],
  'np.count': ['건수', 'Count'],
  'np.mine': ['알림', 'Notifications'],
  'np.mineIntro': [
    '일터가 보낸 알림과 받을 방법을 정합니다. 모두 끄면 알림을 보내지 않습니다. 광고성 정보(채용행사 안내 등)는 동의한 경우에만 보내며 언제든 무료로 거부할 수 있습니다.',
    'Messages ilteo sent you, and how you get them. Turn all off to get none. Advertising (event invitations) only with your consent, refusable at any time for free.',
  ],
  'np.mineIntroCompany': [
    '일터가 회사에 보낸 알림(알선 소식, 공고 승인·반려, 행정지원 회신)과 받을 방법을 정합니다. 회사의 모든 계정이 같은 설정을 씁니다. 모두 끄면 알림을 보내지 않습니다. 광고성 정보(채용행사 안내 등)는 동의한 경우에만 보내며 언제든 무료로 거부할 수 있습니다.',
    'Messages ilteo sent your company (referrals, posting decisions, answers to your requests) and how the company gets them; every account of the company shares this choice. Turn all off to get none. Advertising (event invitations) only with consent, refusable at any time for free.',
  ],
  'np.prefs': ['받는 방법', 'How I get messages'],
  'np.pref.sms': ['문자(SMS·LMS)', 'Text message (SMS/LMS)'],
  'np.pref.alimtalk': ['카카오 알림톡', 'KakaoTalk 알림톡'],
  'np.pref.email': ['이메일', 'E-mail'],
  'np.pref.adOptIn': ['광고성 정보(채용행사 초대 등) 받기', 'Advertising (event invitations)'],
  'np.pref.adNightOptIn': ['광고성 정보를 야간(21시–8시)에도 받기', 'Advertising also 21:00–08:00'],
  'np.prefsSaved': ['알림 수신 설정을 저장했습니다.', 'Your choice is saved.'],
  'np.prefsRecorded': ['마지막 변경: {at} ({source})', 'Last change: {at} ({source})'],
  'np.source.self': ['본인', 'you'],
  'np.source.staff': ['상담사', 'counsellor'],
  'np.source.reply': ['회신', 'reply'],
  'np.source.link': ['링크', 'link'],
  'np.sent': ['받은 알림', 'Messages sent to me'],
  'np.noneSent': ['아직 받은 알림이 없습니다.', 'No messages yet.'],
  'np.waiting': ['보낼 예정', 'To be sent'],
});

const STATUSES = ['queued', 'deferred', 'sent', 'failed', 'suppressed'] as const;

function ErrorText({ lang, error }: { lang: FastifyRequest['lang']; error: string | null }) {
  const e = errorKeyOrText(error);
  if (!e) return null;
  return <>{'key' in e ? t(lang, e.key) : e.text}</>;
}

export function registerNotificationPages(app: Server, ctx: AppContext): void {
  async function templatesPage(
    req: FastifyRequest,
    failed?: { key: string; message: string; fields: FieldErrors },
  ) {
    const { L, q } = pageGuard(req, 'notifications.templates');
    const templates = await listTemplates(ctx.db);
    return (
      <Layout req={req} title={t(L, 'np.templates')} nav="/staff">
        <h1>{t(L, 'np.templates')}</h1>
        <AdminMenu req={req} here="/staff/admin/templates" />
        <p>{t(L, 'np.templatesIntro')}</p>
        {q.saved ? <Notice kind="ok">{t(L, 'np.saved')}</Notice> : null}
        {failed ? (
          <Alert kind="error" id="error-summary" focus>
            <p>{failed.message}</p>
          </Alert>
        ) : null}
        {templates.map((tpl) => (
          <TemplateForm
            key={tpl.key}
            req={req}
            tpl={tpl}
            errors={failed?.key === tpl.key ? failed.fields : undefined}
          />
        ))}
      </Layout>
    );
  }

  app.get('/staff/admin/templates', pageOpts, async (req, reply) =>
    renderPage(reply, await templatesPage(req)),
  );

  app.post('/staff/admin/templates/:key', pageOpts, async (req, reply) => {
    requirePermission(req, 'notifications.templates');
    const key = String((req.params as { key: string }).key);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    try {
      await updateTemplate(requestContext(ctx.db, req), key, {
        name: s('name'),
        subject: s('subject'),
        body: s('body')?.replace(/\r\n?/g, '\n'),
        category: s('category') === 'ad' ? 'ad' : 'info',
        urgent: b.urgent === '1',
        alimtalkTemplateId: s('alimtalkTemplateId')?.trim() || null,
      });
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await templatesPage(req, { key, message: e.form, fields: e.fields }), 400);
    }
    return reply.redirect(`/staff/admin/templates?saved=1#t-${key}`, 303);
  });

  app.get('/staff/admin/outbox', pageOpts, async (req, reply) => {
    const { L, q } = pageGuard(req, 'notifications.read');
    const rc = requestContext(ctx.db, req);
    const status = (STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as NotificationStatus)
      : undefined;
    const [items, counts, templates, others] = await Promise.all([
      listNotifications(rc, { status, limit: 100 }),
      notificationCounts(rc),
      listTemplates(ctx.db),
      rc.actor.centreScope === null ? outboxCounts(ctx.db) : Promise.resolve([]),
    ]);
    const names = new Map(templates.map((x) => [x.key, x.name]));
    const otherKinds = others.filter((o) => o.kind !== 'notification');
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'np.outbox')} nav="/staff">
        <h1>{t(L, 'np.outbox')}</h1>
        <AdminMenu req={req} here="/staff/admin/outbox" />
        <p>{t(L, 'np.outboxIntro')}</p>
        <ul class="inline">
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`/staff/admin/outbox?status=${s}`}>
                {t(L, `notification.status.${s}`)} {counts[s] ?? 0}
              </a>
            </li>
          ))}
        </ul>
        <SearchForm lang={L} action="/staff/admin/outbox">
          <Select
            lang={L}
            name="status"
            label={t(L, 'np.status')}
            empty={t(L, 'np.all')}
            value={status}
            options={keyOptions(L, STATUSES, 'notification.status')}
          />
        </SearchForm>
        {items.length === 0 ? (
          <p>{t(L, 'np.empty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={[
              'np.created',
              'np.template',
              'np.recipient',
              'np.channel',
              'np.status',
              'np.notBefore',
              'np.sentAt',
              'np.error',
            ]}
          >
            {items.map((n) => (
              <tr key={n.id}>
                <td data-label={t(L, 'np.created')}>{seoul(n.createdAt)}</td>
                <td data-label={t(L, 'np.template')}>
                  {names.get(n.templateKey) ?? n.templateKey} ({t(L, `notification.category.${n.category}`)})
                </td>
                <td data-label={t(L, 'np.recipient')}>
                  {n.recipientKind === 'seeker' ? (
                    <a href={`/staff/seekers/${n.recipientId}`}>{t(L, 'np.recipient.seeker')}</a>
                  ) : (
                    t(L, `np.recipient.${n.recipientKind}`)
                  )}
                </td>
                <td data-label={t(L, 'np.channel')}>
                  {n.channel ? t(L, `notification.channel.${n.channel}`) : '-'}
                  {n.fallbackFrom ? ` ${t(L, 'np.fallback')}` : ''}
                </td>
                <td data-label={t(L, 'np.status')}>{t(L, `notification.status.${n.status}`)}</td>
                <td data-label={t(L, 'np.notBefore')}>{seoul(n.notBefore)}</td>
                <td data-label={t(L, 'np.sentAt')}>{seoul(n.sentAt)}</td>
                <td data-label={t(L, 'np.error')}>
                  <ErrorText lang={L} error={n.error} />
                </td>
              </tr>
            ))}
          </StackTable>
        )}
        {otherKinds.length ? (
          <>
            <h2>{t(L, 'np.otherKinds')}</h2>
            <StackTable lang={L} columns={['np.kind', 'np.status', 'np.count']}>
              {otherKinds.map((o) => (
                <tr key={`${o.kind}-${o.status}`}>
                  <td data-label={t(L, 'np.kind')}>{codeLabel(L, 'np.outbox.kind', o.kind)}</td>
                  <td data-label={t(L, 'np.status')}>{codeLabel(L, 'np.outbox.status', o.status)}</td>
                  <td data-label={t(L, 'np.count')}>{o.n}</td>
                </tr>
              ))}
            </StackTable>
          </>
        ) : null}
      </Layout>,
    );
  });

  async function minePage(req: FastifyRequest, saved: boolean) {
    const actor = requireActor(req);
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const [prefs, sent] = await Promise.all([getOwnPreferences(rc), ownNotifications(rc, ctx.dataKey)]);
    const company = actor.role === 'employer';
    const box = (name: 'sms' | 'alimtalk' | 'email' | 'adOptIn' | 'adNightOptIn') => (
      <Check
        id={`pref-${name}`}
        name={name}
        value="1"
        checked={prefs[name]}
        label={t(L, `np.pref.${name}`)}
      />
    );
    return (
      <Layout req={req} title={t(L, 'np.mine')} nav={company ? '/employer' : '/me'}>
        <h1>{t(L, 'np.mine')}</h1>
        <p>{t(L, company ? 'np.mineIntroCompany' : 'np.mineIntro')}</p>
        {saved ? <Notice kind="ok">{t(L, 'np.prefsSaved')}</Notice> : null}
        <form method="post" action="/me/notifications" class="card">
          <Csrf token={req.csrfToken} />
          <fieldset>
            <legend>{t(L, 'np.prefs')}</legend>
            <div class="krds-check-area">
              {box('sms')}
              {box('alimtalk')}
              {box('email')}
              {box('adOptIn')}
              {box('adNightOptIn')}
            </div>
          </fieldset>
          {prefs.updatedAt ? (
            <p class="muted">
              {t(L, 'np.prefsRecorded', {
                at: seoul(prefs.updatedAt),
                source: prefs.source ? t(L, `np.source.${prefs.source}`) : '',
              })}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit">{t(L, 'np.save')}</button>
          </div>
        </form>
        <h2>{t(L, 'np.sent')}</h2>
        {sent.length === 0 ? (
          <p>{t(L, 'np.noneSent')}</p>
        ) : (
          <ul class="cards">
            {sent.map((n) => (
              <li key={n.id} class="card">
                <p>
                  <strong>{t(L, `notification.status.${n.status}`)}</strong> ·{' '}
                  {n.channel ? t(L, `notification.channel.${n.channel}`) : '-'} ·{' '}
                  {n.sentAt ? seoul(n.sentAt) : `${t(L, 'np.waiting')} ${seoul(n.notBefore)}`}
                </p>
                {n.text ? <p class="pre">{n.text}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Layout>
    );
  }

  app.get('/me/notifications', pageOpts, async (req, reply) => {
    requirePermission(req, 'notifications.self');
    return renderPage(reply, await minePage(req, Boolean((req.query as { saved?: string }).saved)));
  });

  app.post('/me/notifications', pageOpts, async (req, reply) => {
    requirePermission(req, 'notifications.self');
    const b = (req.body ?? {}) as Record<string, unknown>;
    const on = (k: string) => b[k] === '1';
    await setOwnPreferences(requestContext(ctx.db, req), {
      sms: on('sms'),
      alimtalk: on('alimtalk'),
      email: on('email'),
      adOptIn: on('adOptIn'),
      adNightOptIn: on('adOptIn') && on('adNightOptIn'),
    });
    return reply.redirect('/me/notifications?saved=1', 303);
  });
}
