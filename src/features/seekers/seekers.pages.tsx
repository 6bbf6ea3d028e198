import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { regionName } from '../../web/codes.tsx';
import { Csrf, ErrorSummary, type FieldErrors, keyOptions, Select } from '../../web/forms.tsx';
import { Layout, Pager, renderPage } from '../../web/layout.tsx';
import { RegionFilter, SearchForm, SearchInput, StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, requirePermission } from '../../web/page.tsx';
import { type ProfileForm, profileErrors, profileFromForm, SeekerFields } from '../../web/seeker-form.tsx';
import { createSeeker } from './register.service.ts';
import { noDesired } from './seekers.presenter.ts';
import './seekers.pages.messages.ts';
import { occupationName } from '../../codes/occupations.ts';
import { koDate } from '../../web/dates.ts';
import type { SeekerCreate, SeekerListQuery } from './seekers.schema.ts';
import { listSeekers } from './seekers.service.ts';

const statuses = ['active', 'employed', 'on_hold', 'closed'] as const;

function NewSeekerPage({
  req,
  v,
  errors,
  message,
}: {
  req: FastifyRequest;
  v: ProfileForm;
  errors: FieldErrors;
  message?: string;
}) {
  const L = req.lang;
  return (
    <Layout req={req} title={t(L, 'ps.new')} nav="/staff/seekers">
      <h1>{t(L, 'ps.new')}</h1>
      <ErrorSummary lang={L} message={message} errors={errors} />
      <form method="post" action="/staff/seekers/new" novalidate>
        <Csrf token={req.csrfToken} />
        <SeekerFields lang={L} v={v} errors={errors} />
        <div class="actions">
          <button type="submit">{t(L, 'web.form.save')}</button>
          <a href="/staff/seekers">{t(L, 'ps.list')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** Staff pages of job seekers: list with filters and registration (the detail: seeker-detail.pages.tsx). */
export function registerSeekerPages(app: Server, ctx: AppContext): void {
  app.get('/staff/seekers', pageOpts, async (req, reply) => {
    const { actor, L, q, page } = pageGuard(req, 'seekers.read');
    const filters: SeekerListQuery = { page, pageSize: 20 };
    if (q.q) filters.q = q.q.slice(0, 200);
    if ((statuses as readonly string[]).includes(q.status ?? ''))
      filters.status = q.status as SeekerListQuery['status'];
    if (q.care === 'general' || q.care === 'intensive') filters.care = q.care;
    if (/^\d{2,5}$/.test(q.regionCode ?? '')) filters.regionCode = q.regionCode;
    const r = await listSeekers(requestContext(ctx.db, req), { query: filters, dataKey: ctx.dataKey });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'ps.list')}>
        <h1>{t(L, 'ps.list')}</h1>
        {can(actor, 'seekers.write') ? (
          <p>
            <a class="button" href="/staff/seekers/new" data-key="n" aria-keyshortcuts="n">
              {t(L, 'ps.new')} <kbd>n</kbd>
            </a>
          </p>
        ) : null}
        <SearchForm lang={L} action="/staff/seekers">
          <SearchInput lang={L} label={t(L, 'ps.q')} hint={t(L, 'ps.q.hint')} value={q.q} />
          <Select
            lang={L}
            name="status"
            label={t(L, 'ps.status')}
            empty={t(L, 'ps.all')}
            value={q.status}
            options={keyOptions(L, statuses, 'ps.status')}
          />
          <Select
            lang={L}
            name="care"
            label={t(L, 'ps.care')}
            empty={t(L, 'ps.all')}
            value={q.care}
            options={keyOptions(L, ['general', 'intensive'], 'ps.care')}
          />
          <RegionFilter lang={L} label={t(L, 'ps.region')} empty={t(L, 'ps.all')} value={q.regionCode} />
        </SearchForm>
        {r.items.length === 0 ? (
          <p>{t(L, 'web.empty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={[
              'ps.regNo',
              'ps.name',
              'ps.birthDate',
              'ps.status',
              'ps.occupation',
              'ps.region',
              'ps.registeredAt',
            ]}
          >
            {r.items.map((s) => (
              <tr key={s.id}>
                <td data-label={t(L, 'ps.regNo')}>{s.registrationNo}</td>
                <td data-label={t(L, 'ps.name')}>
                  <a href={`/staff/seekers/${s.id}`}>{s.name ?? t(L, 'ps.withheld')}</a>
                  {s.care === 'intensive' ? <span class="tag bad">{t(L, 'ps.care.intensive')}</span> : null}
                </td>
                <td data-label={t(L, 'ps.birthDate')}>{s.birthDate}</td>
                <td data-label={t(L, 'ps.status')}>{t(L, `ps.status.${s.status}`)}</td>
                <td data-label={t(L, 'ps.occupation')}>
                  {(s.desired ?? noDesired).occupations
                    .map((o) => occupationName(o, (s.desired ?? noDesired).occupationEdition))
                    .join(', ')}
                </td>
                <td data-label={t(L, 'ps.region')}>{regionName(s.regionCode, L)}</td>
                <td data-label={t(L, 'ps.registeredAt')}>{koDate(s.registeredAt, L)}</td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={r.page} pageSize={r.pageSize} total={r.total} />
      </Layout>,
    );
  });

  app.get('/staff/seekers/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'seekers.write');
    return renderPage(reply, <NewSeekerPage req={req} v={{}} errors={{}} />);
  });

  app.post('/staff/seekers/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'seekers.write');
    const body = (req.body ?? {}) as ProfileForm;
    try {
      const r = await createSeeker(ctx.db, ctx.dataKey, actor, profileFromForm(body) as SeekerCreate, {
        ip: req.ip,
      });
      return reply.redirect(`/staff/seekers/${r.seeker.id}?created=1`, 303);
    } catch (err) {
      const e = profileErrors(err, req.lang);
      return renderPage(reply, <NewSeekerPage req={req} v={body} errors={e.fields} message={e.form} />, 400);
    }
  });
}
