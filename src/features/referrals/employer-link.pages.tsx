import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { Check, CheckGroup, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { formBinding, LinkError, linkAnswer, linkView } from './employer-link.service.ts';

function Closed({ req, status, reply }: { req: FastifyRequest; status: 404 | 410; reply: FastifyReply }) {
  const title = t(req.lang, 'link.title');
  return renderPage(
    reply,
    <Layout req={req} title={title}>
      <h1>{title}</h1>
      <Notice kind="error">{t(req.lang, status === 404 ? 'link.invalid' : 'link.expired')}</Notice>
    </Layout>,
    status,
  );
}

/** GET/POST /r/{token}: the employer's one-time answer page, no account needed. */
export function registerEmployerLinkPages(app: Server, ctx: AppContext) {
  const opts = { config: { public: true }, schema: { hide: true } } as const;
  app.get<{ Params: { token: string } }>('/r/:token', opts, async (req, reply) => {
    const L = (k: string, p?: Record<string, string | number>) => t(req.lang, k, p);
    try {
      const v = await linkView(ctx.db, ctx.dataKey, req.params.token, req.ip);
      const title = L('link.title');
      return renderPage(
        reply,
        <Layout req={req} title={title}>
          <h1>{title}</h1>
          <p>{L('link.intro')}</p>
          <dl>
            <dt>{L('link.posting')}</dt>
            <dd>{v.postingTitle}</dd>
            <dt>{L('link.name')}</dt>
            <dd>{v.name}</dd>
            <dt>{L('link.occupations')}</dt>
            <dd>{v.occupations.join(', ')}</dd>
            <dt>{L('link.education')}</dt>
            <dd>{v.education}</dd>
            <dt>{L('link.career')}</dt>
            <dd>{L('link.months', { n: v.careerMonths })}</dd>
            <dt>{L('link.certificates')}</dt>
            <dd>{v.certificates.join(', ') || '-'}</dd>
          </dl>
          <form method="post" action={`/r/${req.params.token}`}>
            <input type="hidden" name="binding" value={formBinding(ctx.dataKey, req.params.token)} />
            {req.csrfToken ? <input type="hidden" name="_csrf" value={req.csrfToken} /> : null}
            <CheckGroup name="status" legend={L('link.result')}>
              {v.answers.map((s, i) => (
                <Check
                  key={s}
                  type="radio"
                  id={`status-${s}`}
                  name="status"
                  value={s}
                  required
                  checked={i === 0}
                  label={L(`link.status.${s}`)}
                />
              ))}
            </CheckGroup>
            <Textarea
              lang={req.lang}
              id="note"
              name="note"
              label={L('link.note')}
              maxLength={2000}
              rows={3}
            />
            <button type="submit">{L('link.submit')}</button>
          </form>
        </Layout>,
      );
    } catch (e) {
      if (e instanceof LinkError) return Closed({ req, status: e.status, reply });
      throw e;
    }
  });
  app.post<{ Params: { token: string }; Body: { status?: string; note?: string; binding?: string } }>(
    '/r/:token',
    opts,
    async (req, reply) => {
      try {
        await linkAnswer(
          ctx.db,
          ctx.dataKey,
          req.params.token,
          { status: req.body?.status ?? '', note: req.body?.note, binding: req.body?.binding },
          req.ip,
        );
      } catch (e) {
        if (e instanceof LinkError) return Closed({ req, status: e.status, reply });
        if (e instanceof DomainError && e.code === 'conflict') return Closed({ req, status: 410, reply });
        throw e;
      }
      const title = t(req.lang, 'link.title');
      return renderPage(
        reply,
        <Layout req={req} title={title}>
          <h1>{title}</h1>
          <Notice kind="ok">{t(req.lang, 'link.done')}</Notice>
        </Layout>,
      );
    },
  );
}
