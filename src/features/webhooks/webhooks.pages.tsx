import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { Csrf, ErrorSummary, Input, str } from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import {
  CentreSelect,
  CheckboxGroup,
  checkedOf,
  postSecretForm,
  type SecretFormState,
  SecretShownOnce,
  secretAnswer,
} from '../../web/secret-once.tsx';
import { listCentres } from '../accounts/centres.service.ts';
import { WEBHOOK_EVENTS, type WebhookEventType, webhookEventTypes } from './webhooks.catalogue.ts';
import {
  createEndpoint,
  enableEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
} from './webhooks.service.ts';

// /staff/admin/webhooks (issue 21): endpoints (secret shown once), secret rotation, and each
// endpoint's delivery log with replay.

defineMessages({
  'wh.title': ['웹훅', 'Webhooks'],
  'wh.intro': [
    '변경이 생기면 협력 기관 시스템에 서명된 알림(Standard Webhooks)을 보냅니다. 알림에는 ID만 담기고, 받는 쪽은 API 키로 내용을 조회합니다.',
    'Signed notices (Standard Webhooks) go to partner systems when something changes. They carry ids only; the receiver reads the record with its API key.',
  ],
  'wh.url': ['받을 주소 (https://)', 'Endpoint URL (https://)'],
  'wh.events': ['보낼 사건', 'Events'],
  'wh.centre': ['센터 (이 센터 관할의 변경을 보냄)', 'Centre (changes within its subtree)'],
  'wh.create': ['엔드포인트 등록', 'Add endpoint'],
  'wh.created': [
    '등록했습니다. 서명 검증용 비밀키를 지금 복사하세요. 다시 볼 수 없습니다.',
    'Added. Copy the signing secret now: it cannot be shown again.',
  ],
  'wh.rotated': [
    '비밀키를 바꿨습니다. 새 키를 지금 복사하세요. 이전 키도 24시간 동안 함께 서명합니다.',
    'The secret is rotated. Copy the new one now; the old one also signs for 24 hours.',
  ],
  'wh.status': ['상태', 'Status'],
  'wh.status.active': ['사용 중', 'Active'],
  'wh.status.disabled': ['사용 중지', 'Disabled'],
  'wh.log': ['전송 기록', 'Delivery log'],
  'wh.rotate': ['비밀키 교체', 'Rotate secret'],
  'wh.enable': ['다시 사용', 'Enable'],
  'wh.empty': ['등록된 엔드포인트가 없습니다.', 'No endpoints yet.'],
  'wh.type': ['사건', 'Event'],
  'wh.subject': ['대상 ID', 'Subject id'],
  'wh.attempts': ['시도', 'Tries'],
  'wh.result': ['마지막 결과', 'Last result'],
  'wh.at': ['마지막 시도', 'Last try'],
  'wh.replay': ['재전송', 'Replay'],
  'wh.replayed': ['재전송을 예약했습니다.', 'The delivery will be sent again.'],
  'wh.d.pending': ['전송 대기·재시도 중', 'Pending'],
  'wh.d.delivered': ['전송 완료', 'Delivered'],
  'wh.d.failed': ['실패', 'Failed'],
  'wh.d.skipped': ['건너뜀(엔드포인트 중지)', 'Skipped (endpoint disabled)'],
  'wh.noDeliveries': ['전송 기록이 없습니다.', 'Nothing sent yet.'],
  'wh.back': ['웹훅 목록', 'All webhooks'],
  'wh.partners': ['협력 기관 API 키', 'Partner API keys'],
  'wh.disabledBy.gone': ['받는 쪽이 410 Gone으로 답해 중지됨', 'Disabled: the receiver answered 410 Gone'],
  'wh.changes': ['상태 변경 기록', 'State changes'],
  'wh.change.disabled.gone': [
    '받는 쪽이 HTTP {status}(Gone)으로 답해 사용 중지',
    'Disabled: the receiver answered HTTP {status} (Gone)',
  ],
  'wh.change.disabled.deleted': [
    '협력기관이 삭제해 사용 중지 ({who})',
    'Disabled: deleted by the partner ({who})',
  ],
  'wh.change.disabled.other': ['사용 중지 ({who})', 'Disabled ({who})'],
  'wh.change.enabled': ['{who}이(가) 다시 사용하도록 바꿈', 'Enabled again by {who}'],
  'wh.change.enabledAfterGone': [
    '{who}이(가) 다시 사용하도록 바꿈 (410으로 중지되었던 주소)',
    'Enabled again by {who} (it had been disabled by a 410)',
  ],
  'wh.someone': ['알 수 없는 사용자', 'an unknown user'],
  ...Object.fromEntries(Object.entries(WEBHOOK_EVENTS).map(([k, v]) => [`wh.event.${k}`, v])),
});

const PAGE = 20;

/** One state change in words: what happened, and who did it (none: the receiver's answer). */
function changeText(
  L: FastifyRequest['lang'],
  c: {
    action: 'disabled' | 'enabled';
    reason: string | null;
    httpStatus: number | null;
    actorName: string | null;
  },
): string {
  const who = c.actorName ?? t(L, 'wh.someone');
  if (c.action === 'enabled')
    return t(L, c.reason === 'gone' ? 'wh.change.enabledAfterGone' : 'wh.change.enabled', { who });
  if (c.reason === 'gone') return t(L, 'wh.change.disabled.gone', { status: c.httpStatus ?? 410 });
  return t(L, c.reason === 'deleted' ? 'wh.change.disabled.deleted' : 'wh.change.disabled.other', { who });
}

/** Registers /staff/admin/webhooks and an endpoint's delivery log. */
export function registerWebhookPages(app: Server, ctx: AppContext): void {
  const s = { dataKey: ctx.dataKey, allowPrivate: ctx.config.webhookAllowPrivate };

  async function page(req: FastifyRequest, state: SecretFormState = {}) {
    const { L, page: n } = pageGuard(req, 'webhooks.manage');
    const [r, centres] = await Promise.all([
      listEndpoints(requestContext(ctx.db, req), { page: n, pageSize: PAGE }),
      listCentres(ctx.db, { offset: 0, limit: 500 }),
    ]);
    const v = state.values ?? {};
    const errors = state.errors ?? {};
    return (
      <Layout req={req} title={t(L, 'wh.title')} nav="/staff">
        <h1>{t(L, 'wh.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/webhooks" />
        <p>{t(L, 'wh.intro')}</p>
        <p>
          <a href="/staff/admin/partners">{t(L, 'wh.partners')}</a>
        </p>
        <SecretShownOnce state={state} />
        <ErrorSummary lang={L} message={state.message} errors={errors} />
        <form method="post" action="/staff/admin/webhooks">
          <Csrf token={req.csrfToken} />
          <Input
            lang={L}
            name="url"
            type="url"
            label={t(L, 'wh.url')}
            value={str(v, 'url')}
            error={errors.url}
            required
            maxLength={2000}
          />
          <CentreSelect lang={L} label={t(L, 'wh.centre')} state={state} centres={centres.items} />
          <CheckboxGroup
            name="events"
            legend={t(L, 'wh.events')}
            state={state}
            options={webhookEventTypes.map((e) => ({ value: e, label: `${t(L, `wh.event.${e}`)} (${e})` }))}
          />
          <button type="submit">{t(L, 'wh.create')}</button>
        </form>
        {r.items.length === 0 ? (
          <p>{t(L, 'wh.empty')}</p>
        ) : (
          <StackTable lang={L} columns={['wh.url', 'wh.events', 'wh.status', 'wh.log']}>
            {r.items.map((e) => (
              <tr key={e.id}>
                <td data-label={t(L, 'wh.url')}>
                  <code>{e.url}</code>
                </td>
                <td data-label={t(L, 'wh.events')}>
                  {e.events.map((x) => t(L, `wh.event.${x}`)).join(', ')}
                </td>
                <td data-label={t(L, 'wh.status')}>
                  {t(L, `wh.status.${e.status}`)}
                  {e.disabledReason === 'gone' ? ` (${t(L, 'wh.disabledBy.gone')})` : ''}
                  {e.status === 'disabled' ? (
                    <form method="post" action={`/staff/admin/webhooks/${e.id}/enable`}>
                      <Csrf token={req.csrfToken} />
                      <button type="submit">{t(L, 'wh.enable')}</button>
                    </form>
                  ) : null}
                </td>
                <td data-label={t(L, 'wh.log')}>
                  <a href={`/staff/admin/webhooks/${e.id}`}>{t(L, 'wh.log')}</a>
                  <form method="post" action={`/staff/admin/webhooks/${e.id}/rotate`}>
                    <Csrf token={req.csrfToken} />
                    <button type="submit" aria-label={`${e.url} ${t(L, 'wh.rotate')}`}>
                      {t(L, 'wh.rotate')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={n} pageSize={PAGE} total={r.total} />
      </Layout>
    );
  }

  app.get('/staff/admin/webhooks', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/admin/webhooks', pageOpts, async (req, reply) => {
    requirePermission(req, 'webhooks.manage');
    return postSecretForm(req, reply, {
      required: ['url'],
      checks: { name: 'events', allowed: webhookEventTypes },
      create: async (body) => {
        const created = await createEndpoint(
          requestContext(ctx.db, req),
          {
            url: str(body, 'url').slice(0, 2000),
            events: checkedOf<WebhookEventType>(body, 'events', webhookEventTypes),
            centreId: str(body, 'centreId'),
          },
          s,
        );
        return { secret: created.secret, secretNotice: t(req.lang, 'wh.created') };
      },
      page: (state) => page(req, state),
    });
  });

  app.post('/staff/admin/webhooks/:id/rotate', pageOpts, async (req, reply) => {
    requirePermission(req, 'webhooks.manage');
    const r = await rotateSecret(requestContext(ctx.db, req), { id: uuidParam(req) }, s);
    return secretAnswer(
      reply,
      await page(req, { secret: r.secret, secretNotice: t(req.lang, 'wh.rotated') }),
    );
  });

  app.post('/staff/admin/webhooks/:id/enable', pageOpts, async (req, reply) => {
    requirePermission(req, 'webhooks.manage');
    await enableEndpoint(requestContext(ctx.db, req), { id: uuidParam(req) });
    return reply.redirect('/staff/admin/webhooks', 303);
  });

  app.get('/staff/admin/webhooks/:id', pageOpts, async (req, reply) => {
    const { L, q, page: n } = pageGuard(req, 'webhooks.manage');
    const id = uuidParam(req);
    const r = await listDeliveries(requestContext(ctx.db, req), { id, page: n, pageSize: PAGE });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'wh.log')} nav="/staff">
        <h1>{t(L, 'wh.log')}</h1>
        <p>
          <code>{r.endpoint.url}</code> · {t(L, `wh.status.${r.endpoint.status}`)} ·{' '}
          <a href="/staff/admin/webhooks">{t(L, 'wh.back')}</a>
        </p>
        {q.replayed ? <Notice kind="ok">{t(L, 'wh.replayed')}</Notice> : null}
        {r.changes.length ? (
          <section>
            <h2>{t(L, 'wh.changes')}</h2>
            <ul>
              {r.changes.map((c) => (
                <li key={c.at + c.action}>
                  {seoul(c.at)} · {changeText(L, c)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {r.items.length === 0 ? (
          <p>{t(L, 'wh.noDeliveries')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={['wh.type', 'wh.subject', 'wh.status', 'wh.attempts', 'wh.result', 'wh.at', 'wh.replay']}
          >
            {r.items.map((d) => (
              <tr key={d.id}>
                <td data-label={t(L, 'wh.type')}>
                  {t(L, `wh.event.${d.type}`)} <span class="muted">{d.type}</span>
                </td>
                <td data-label={t(L, 'wh.subject')}>
                  <code>{d.subjectId}</code>
                </td>
                <td data-label={t(L, 'wh.status')}>{t(L, `wh.d.${d.status}`)}</td>
                <td data-label={t(L, 'wh.attempts')}>{d.attempts}</td>
                <td data-label={t(L, 'wh.result')}>{d.lastStatus ?? d.lastError ?? ''}</td>
                <td data-label={t(L, 'wh.at')}>{seoul(d.lastAttemptAt)}</td>
                <td data-label={t(L, 'wh.replay')}>
                  {d.status !== 'pending' && r.endpoint.status === 'active' ? (
                    <form method="post" action={`/staff/admin/webhooks/${id}/deliveries/${d.id}/replay`}>
                      <Csrf token={req.csrfToken} />
                      <button type="submit">{t(L, 'wh.replay')}</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={n} pageSize={PAGE} total={r.total} />
      </Layout>,
    );
  });

  app.post('/staff/admin/webhooks/:id/deliveries/:deliveryId/replay', pageOpts, async (req, reply) => {
    requirePermission(req, 'webhooks.manage');
    const id = uuidParam(req);
    await replayDelivery(requestContext(ctx.db, req), { id, deliveryId: uuidParam(req, 'deliveryId') });
    return reply.redirect(`/staff/admin/webhooks/${id}?replayed=1`, 303);
  });
}
