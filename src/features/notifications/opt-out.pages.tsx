import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Check } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { optOutByLink, readOptOutToken } from './opt-out.ts';

// /u/{token}: the one-click refusal an advertising message links to (정보통신망법 제50조④), no
// sign-in needed. GET shows what the refusal does; POST records it (source 'link').

defineMessages({
  'optout.title': ['알림 수신 거부', 'Stop messages'],
  'optout.intro': [
    '일터가 보내는 광고성 알림(채용행사 초대 등)을 더 이상 받지 않습니다. 비용은 들지 않습니다.',
    'You will no longer receive advertising messages from ilteo (event invitations and the like). It is free.',
  ],
  'optout.everything': [
    '예약·알선 결과 같은 정보성 알림도 모두 받지 않기',
    'Also stop informational messages (bookings, referral results)',
  ],
  'optout.submit': ['수신 거부', 'Stop'],
  'optout.done': [
    '수신 거부를 기록했습니다. 다시 받으려면 일터의 내 알림 설정에서 바꿀 수 있습니다.',
    'Recorded. You can change this again in your notification settings on ilteo.',
  ],
  'optout.doneAll': ['모든 알림의 수신 거부를 기록했습니다.', 'Recorded: no messages will be sent to you.'],
  'optout.invalid': ['이 수신 거부 주소는 올바르지 않습니다.', 'This opt-out link is not valid.'],
});

function Invalid({ req, reply }: { req: FastifyRequest; reply: FastifyReply }) {
  return renderPage(
    reply,
    <Layout req={req} title={t(req.lang, 'optout.title')}>
      <h1>{t(req.lang, 'optout.title')}</h1>
      <Notice kind="error">{t(req.lang, 'optout.invalid')}</Notice>
    </Layout>,
    404,
  );
}

export function registerOptOutPages(app: Server, ctx: AppContext) {
  const opts = { config: { public: true }, schema: { hide: true } } as const;
  app.get<{ Params: { token: string } }>('/u/:token', opts, async (req, reply) => {
    if (!readOptOutToken(ctx.dataKey, req.params.token)) return Invalid({ req, reply });
    const L = req.lang;
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'optout.title')}>
        <h1>{t(L, 'optout.title')}</h1>
        <p>{t(L, 'optout.intro')}</p>
        <form method="post" action={`/u/${req.params.token}`}>
          {req.csrfToken ? <input type="hidden" name="_csrf" value={req.csrfToken} /> : null}
          <Check id="optout-everything" name="everything" value="1" label={t(L, 'optout.everything')} />
          <button type="submit">{t(L, 'optout.submit')}</button>
        </form>
      </Layout>,
    );
  });
  app.post<{ Params: { token: string }; Body: { everything?: string } }>(
    '/u/:token',
    opts,
    async (req, reply) => {
      const everything = req.body?.everything === '1';
      const done = await optOutByLink(ctx.db, ctx.dataKey, req.params.token, everything);
      if (!done) return Invalid({ req, reply });
      const L = req.lang;
      return renderPage(
        reply,
        <Layout req={req} title={t(L, 'optout.title')}>
          <h1>{t(L, 'optout.title')}</h1>
          <Notice kind="ok">{t(L, everything ? 'optout.doneAll' : 'optout.done')}</Notice>
        </Layout>,
      );
    },
  );
}
