import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { codeName } from '../../web/codes.tsx';
import { Layout, Pager, renderPage } from '../../web/layout.tsx';
import { RegionFilter, SearchForm, SearchInput, StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, pageWindow } from '../../web/page.tsx';
import { registerEmployerClaimPage } from './employer-claim.pages.tsx';
import { bizRegNoText, registerEmployerDetailPage } from './employer-detail.pages.tsx';
import { sizeName } from './employer-size.ts';
import './employers.pages.messages.ts';
import { listEmployers } from './employers.service.ts';

/**
 * Staff employer registry and each company's page (employer-detail.pages.tsx). The portal's
 * sign-up and company pages: employer-signup.pages.tsx, employer-company.pages.tsx.
 */
export function registerEmployerPages(app: Server, ctx: AppContext): void {
  registerEmployerDetailPage(app, ctx);
  registerEmployerClaimPage(app, ctx);
  app.get('/staff/employers', pageOpts, async (req, reply) => {
    const { actor, L, q, page } = pageGuard(req, 'employers.read');
    const r = await listEmployers(ctx.db, actor, {
      q: q.q?.slice(0, 200) || undefined,
      regionCode: /^\d{2,5}$/.test(q.regionCode ?? '') ? q.regionCode : undefined,
      ...pageWindow(page),
    });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pe.list')}>
        <h1>{t(L, 'pe.list')}</h1>
        <SearchForm lang={L} action="/staff/employers">
          <SearchInput lang={L} label={t(L, 'pe.q')} value={q.q} />
          <RegionFilter lang={L} label={t(L, 'pe.region')} empty={t(L, 'ps.all')} value={q.regionCode} />
        </SearchForm>
        {r.items.length === 0 ? <p>{t(L, 'web.empty')}</p> : null}
        <StackTable lang={L} columns={['pe.name', 'pe.bizRegNo', 'pe.region', 'pe.size']}>
          {r.items.map((e) => (
            <tr key={e.id}>
              <td data-label={t(L, 'pe.name')}>
                <a href={`/staff/employers/${e.id}`}>{e.name}</a>
              </td>
              <td data-label={t(L, 'pe.bizRegNo')}>{bizRegNoText(e.bizRegNo)}</td>
              <td data-label={t(L, 'pe.region')}>{codeName('regions', e.regionCode, L)}</td>
              <td data-label={t(L, 'pe.size')}>{sizeName(e.size, L)}</td>
            </tr>
          ))}
        </StackTable>
        <Pager req={req} page={page} pageSize={20} total={r.total} />
      </Layout>,
    );
  });
}
