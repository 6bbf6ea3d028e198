import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission } from '../../web/page.tsx';
import { listRequests } from './requests.service.ts';
import './outreach.pages.messages.ts';

// The company's own page /employer/requests: its requests, soonest first, with the
// department's answer (never the staff's working notes).

export function registerEmployerRequestsPage(app: Server, ctx: AppContext) {
  app.get('/employer/requests', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'outreach.requests');
    // The company's page; a 부서 담당자 and staff have their own lists of the same requests.
    if (actor.role === 'department') return reply.redirect('/department/requests', 303);
    if (actor.role !== 'employer') return reply.redirect('/staff/outreach/requests', 303);
    const L = req.lang;
    const items = (
      await listRequests(requestContext(ctx.db, req), { offset: 0, limit: 200 })
    ).items.reverse();
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'op.portalTitle')}>
        <h1>{t(L, 'op.portalTitle')}</h1>
        <p>{t(L, 'op.portalIntro')}</p>
        {items.length === 0 ? <p class="muted">{t(L, 'op.portalNone')}</p> : null}
        <ul class="cards">
          {items.map((r) => (
            <li class="card" key={r.id} id={`r-${r.id}`}>
              <h2>
                {r.categoryName} <span class="tag">{r.statusName}</span>
              </h2>
              <p>{r.description}</p>
              <p class="muted">
                {r.departmentName}
                {r.departmentPhone ? ` · ${r.departmentPhone}` : ''} · {t(L, 'op.received')}{' '}
                {koDate(r.receivedAt, L)}
              </p>
              {r.answer ? (
                <div>
                  <h3>{t(L, 'op.answer')}</h3>
                  <p>{r.answer}</p>
                  <p class="muted">{koDate(r.answeredAt, L, true)}</p>
                </div>
              ) : (
                <p>{t(L, 'op.waiting', { due: koDate(r.dueAt, L, true) })}</p>
              )}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
}
