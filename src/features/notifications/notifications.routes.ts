import { createHash, timingSafeEqual } from 'node:crypto';
import { pino } from 'pino';
import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import { registerOutboxHandler } from '../../platform/outbox/outbox.registry.ts';
import { registerNotificationPages } from './notifications.pages.tsx';
import { makeProviders, notificationHandler } from './notifications.send.ts';
import {
  listNotifications,
  NOTIFICATION_KIND,
  ownNotifications,
  setQuietHours,
} from './notifications.service.ts';
import { registerOptOutPages } from './opt-out.pages.tsx';
import { optOutByReply } from './opt-out.ts';
import {
  getEmployerPreferences,
  getOwnPreferences,
  getSeekerPreferences,
  setEmployerPreferences,
  setOwnPreferences,
  setSeekerPreferences,
} from './preferences.service.ts';
import { listTemplates, updateTemplate } from './templates.service.ts';

const tags = ['notifications'];

/** Compares two secrets in constant time (by their hashes, so lengths do not leak). */
function sameSecret(a: string, b: string) {
  const h = (x: string) => createHash('sha256').update(x).digest();
  return timingSafeEqual(h(a), h(b));
}
const Status = Type.Enum(['queued', 'deferred', 'sent', 'failed', 'suppressed']);
const Channel = Type.Union([Type.Enum(['sms', 'lms', 'alimtalk', 'email']), Type.Null()]);
const Notification = Type.Object({
  id: Type.String(),
  channel: Channel,
  templateKey: Type.String(),
  recipientKind: Type.Enum(['seeker', 'employer', 'user']),
  recipientId: Type.String(),
  status: Status,
  notBefore: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  category: Type.Enum(['info', 'ad']),
  fallbackFrom: Type.Union([Type.String(), Type.Null()]),
  provider: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  source: Type.String(),
  createdAt: Type.String(),
});
const Template = Type.Object({
  key: Type.String(),
  name: Type.String(),
  recipientKind: Type.Enum(['seeker', 'employer', 'user']),
  category: Type.Enum(['info', 'ad']),
  urgent: Type.Boolean(),
  subject: Type.String(),
  body: Type.String(),
  variables: Type.Array(Type.String()),
  alimtalkTemplateId: Type.Union([Type.String(), Type.Null()]),
  alimtalkActive: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
const Preferences = Type.Object({
  sms: Type.Boolean(),
  alimtalk: Type.Boolean(),
  email: Type.Boolean(),
  adOptIn: Type.Boolean(),
  adNightOptIn: Type.Boolean(),
  adOptInAt: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.Enum(['self', 'staff', 'reply', 'link']), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const PreferencesBody = Type.Object(
  {
    sms: Type.Boolean(),
    alimtalk: Type.Boolean(),
    email: Type.Boolean(),
    adOptIn: Type.Optional(Type.Boolean()),
    adNightOptIn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Notifications (issue 22): templates, messages and preferences; sending runs in the outbox. */
export const notificationsFeature: Feature = {
  name: 'notifications',
  routes(app, ctx) {
    const { db } = ctx;
    app.get(
      '/api/v1/notifications',
      {
        config: { permission: 'notifications.read' },
        schema: {
          tags,
          summary: '알림 발송 내역 / notifications sent and to be sent',
          querystring: Type.Object({
            recipientId: Type.Optional(Uuid),
            status: Type.Optional(Status),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            before: Type.Optional(Uuid),
          }),
          response: { 200: Type.Object({ items: Type.Array(Notification) }), ...problems },
        },
      },
      async (req) => {
        const q = req.query as { recipientId?: string; status?: never; limit?: number; before?: string };
        return {
          items: await listNotifications(requestContext(db, req), {
            recipientId: q.recipientId,
            status: q.status,
            limit: q.limit,
            beforeId: q.before,
          }),
        };
      },
    );
    app.get(
      '/api/v1/notification-templates',
      {
        config: { permission: 'notifications.read' },
        schema: {
          tags,
          summary: '알림 템플릿 / notification templates',
          response: { 200: Type.Object({ items: Type.Array(Template) }), ...problems },
        },
      },
      async () => ({ items: await listTemplates(db) }),
    );
    app.patch(
      '/api/v1/notification-templates/:key',
      {
        config: { permission: 'notifications.templates' },
        schema: {
          tags,
          summary: '알림 템플릿 수정 / edit a template',
          params: Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }) }),
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              subject: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              body: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
              category: Type.Optional(Type.Enum(['info', 'ad'])),
              urgent: Type.Optional(Type.Boolean()),
              alimtalkTemplateId: Type.Optional(
                Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Template, ...problems },
        },
      },
      async (req) => {
        const p = req.params as { key: string };
        return updateTemplate(requestContext(db, req), p.key, req.body as never);
      },
    );
    app.get(
      '/api/v1/seekers/:id/notification-preferences',
      {
        config: { permission: 'seekers.read' },
        schema: {
          tags,
          summary: '구직자 알림 수신 설정 / a seeker’s notification preferences',
          params: IdParams,
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) => getSeekerPreferences(requestContext(db, req), (req.params as { id: string }).id),
    );
    app.put(
      '/api/v1/seekers/:id/notification-preferences',
      {
        config: { permission: 'seekers.write' },
        schema: {
          tags,
          summary: '구직자 알림 수신 설정 변경 / record a seeker’s choice',
          params: IdParams,
          body: PreferencesBody,
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) =>
        setSeekerPreferences(requestContext(db, req), (req.params as { id: string }).id, req.body as never),
    );
    app.get(
      '/api/v1/employers/:id/notification-preferences',
      {
        config: { permission: 'employers.read' },
        schema: {
          tags,
          summary:
            '구인기업 알림 수신 설정 (기업 본인 또는 담당 센터) / a company’s notification preferences (itself or its centre)',
          params: IdParams,
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) => getEmployerPreferences(requestContext(db, req), (req.params as { id: string }).id),
    );
    app.put(
      '/api/v1/employers/:id/notification-preferences',
      {
        config: { permission: 'employers.read' },
        schema: {
          tags,
          summary:
            '구인기업 알림 수신 설정 변경 (기업 본인: self, 담당 센터: staff로 기록) / record a company’s choice',
          params: IdParams,
          body: PreferencesBody,
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) =>
        setEmployerPreferences(requestContext(db, req), (req.params as { id: string }).id, req.body as never),
    );
    app.get(
      '/api/v1/me/notification-preferences',
      {
        config: { permission: 'notifications.self' },
        schema: {
          tags,
          summary: '내 알림 수신 설정 / my preferences',
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) => getOwnPreferences(requestContext(db, req)),
    );
    app.put(
      '/api/v1/me/notification-preferences',
      {
        config: { permission: 'notifications.self' },
        schema: {
          tags,
          summary: '내 알림 수신 설정 변경 / change my preferences',
          body: PreferencesBody,
          response: { 200: Preferences, ...problems },
        },
      },
      async (req) => setOwnPreferences(requestContext(db, req), req.body as never),
    );
    app.get(
      '/api/v1/me/notifications',
      {
        config: { permission: 'notifications.self' },
        schema: {
          tags,
          summary: '내가 받은 알림 / what I was sent',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Intersect([
                  Notification,
                  Type.Object({
                    subject: Type.Union([Type.String(), Type.Null()]),
                    text: Type.Union([Type.String(), Type.Null()]),
                  }),
                ]),
              ),
            }),
            ...problems,
          },
        },
      },
      async (req) => ({ items: await ownNotifications(requestContext(db, req), ctx.dataKey) }),
    );
    app.post(
      '/api/v1/notifications/inbound',
      {
        config: { public: true },
        schema: {
          tags,
          summary:
            '수신거부 회신·080 수신거부 접수(발송 대행사가 호출) / a reply or 080 opt-out reported by the provider',
          description:
            '헤더 `x-ilteo-inbound-secret`에 ILTEO_NOTIFY_INBOUND_SECRET 값을 보냅니다. 설정이 없으면 404. 거부 회신(수신거부, 거부, 중지, STOP)이나 080 통화는 그 번호 구직자의 광고성 수신 동의를 철회합니다(출처 reply).',
          body: Type.Object(
            {
              from: Type.String({ minLength: 1, maxLength: 40 }),
              text: Type.Optional(Type.String({ maxLength: 2000 })),
              via: Type.Optional(Type.Enum(['reply', '080'])),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ refusal: Type.Boolean(), optedOut: Type.Integer() }),
            ...problems,
          },
        },
      },
      async (req) => {
        const secret = ctx.config.notify.inboundSecret;
        if (!secret) throw notFound();
        const given = String(req.headers['x-ilteo-inbound-secret'] ?? '');
        if (!sameSecret(given, secret)) throw new DomainError('unauthenticated', 'error.unauthenticated');
        return optOutByReply(db, ctx.dataKey, req.body as never);
      },
    );
    registerNotificationPages(app, ctx);
    registerOptOutPages(app, ctx);
  },
  async onStart(ctx) {
    setQuietHours(ctx.config.notify.quiet);
    const log = pino({ level: ctx.config.logLevel, name: 'notify' });
    const providers = makeProviders(ctx.config.notify, log);
    registerOutboxHandler(
      NOTIFICATION_KIND,
      notificationHandler({
        key: ctx.dataKey,
        cfg: ctx.config.notify,
        providers,
        publicUrl: ctx.config.publicUrl,
      }),
      { leaseMs: 60_000, timeoutMs: 30_000, backoffMs: (n) => Math.min(10_000 * 3 ** (n - 1), 3600_000) },
    );
  },
};
