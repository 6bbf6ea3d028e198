import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { addDays, isoWeekday, seoulDate, seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { regionOptions } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { Csrf, ErrorSummary, formBody, Input, Select, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission, seoul } from '../../web/page.tsx';
import { userNames } from '../accounts/user-lookups.service.ts';
import { employerPlaces } from '../employers/employers.service.ts';
import { registerCompanyListPages } from './company-lists.pages.tsx';
import { companyFromText, dongOf, failure, OutreachMenu, seoulInstant } from './outreach.web.tsx';
import { registerDepartmentRequestPages } from './requests.department.pages.tsx';
import { registerRequestPages } from './requests.pages.tsx';
import { registerEmployerRequestsPage } from './requests.portal.pages.tsx';
import { registerVisitPages } from './visit.pages.tsx';
import { listVisits, planVisit } from './visits.service.ts';
import './outreach.pages.messages.ts';

// /staff/outreach: the week's visit plan of the actor's centres — a form to plan a visit (a
// registered company by name or number, or a new one registered as a prospect), the week by
// day and the same visits by 동, so a team can walk one neighbourhood in one outing. No map.

type Visits = Awaited<ReturnType<typeof listVisits>>['items'];
type Places = Awaited<ReturnType<typeof employerPlaces>>;

const PLAN_FIELDS = [
  'company',
  'date',
  'time',
  'purpose',
  'newName',
  'newBizRegNo',
  'newRegion',
  'newAddress',
];

/** The Monday of the week holding `date`. */
function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

function VisitCard({
  v,
  places,
  team,
  L,
}: {
  v: Visits[number];
  places: Places;
  team: Map<string, string>;
  L: Lang;
}) {
  const place = places.get(v.employerId);
  const at = v.heldAt ?? v.plannedAt;
  return (
    <li class="card" id={`v-${v.id}`}>
      <h4>
        <a href={`/staff/employers/${v.employerId}`}>{v.employerName}</a>{' '}
        {place?.prospect ? <span class="tag">{t(L, 'op.prospectTag')}</span> : null}
      </h4>
      <p>
        {seoul(at).slice(11)} ·{' '}
        <span class={v.status === 'planned' ? 'tag strong' : 'tag'}>{v.statusName}</span>
        {v.status === 'held' ? ` · ${t(L, 'op.jobs')} ${v.jobsHeadcount}` : ''}
      </p>
      {place?.address ? <p class="muted">{place.address}</p> : null}
      <p class="muted">
        {t(L, 'op.team')}:{' '}
        {v.teamUserIds
          .map((id) => team.get(id) ?? '')
          .filter(Boolean)
          .join(', ')}
      </p>
      {v.purpose ? <p>{v.purpose}</p> : null}
      <p>
        <a href={`/staff/outreach/visits/${v.id}`} class="button secondary">
          {v.status === 'planned' ? t(L, 'op.log') : t(L, 'op.open')}
        </a>
      </p>
    </li>
  );
}

export function registerOutreachPages(app: Server, ctx: AppContext) {
  async function weekPage(
    req: FastifyRequest,
    form?: { values: Record<string, string>; errors: Record<string, string>; message?: string },
    notice?: string,
  ) {
    const L = req.lang;
    const today = seoulToday();
    const asked = query(req).week ?? '';
    const monday = mondayOf(
      /^\d{4}-\d{2}-\d{2}$/.test(asked) && !Number.isNaN(Date.parse(asked)) ? asked : today,
    );
    const sunday = addDays(monday, 6);
    const rc = requestContext(ctx.db, req);
    const { items } = await listVisits(rc, { from: monday, to: sunday, offset: 0, limit: 500 });
    const visits = items.filter((v) => v.status !== 'cancelled').reverse();
    const [places, team] = await Promise.all([
      employerPlaces(
        ctx.db,
        visits.map((v) => v.employerId),
      ),
      userNames(ctx.db, [...new Set(visits.flatMap((v) => v.teamUserIds))]),
    ]);
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter(
      (d) => isoWeekday(d) <= 5 || visits.some((v) => seoulDate(new Date(v.heldAt ?? v.plannedAt)) === d),
    );
    const byDong = new Map<string, Visits>();
    for (const v of visits) {
      const key = dongOf(places.get(v.employerId)?.address) ?? t(L, 'op.dongUnknown');
      byDong.set(key, [...(byDong.get(key) ?? []), v]);
    }
    const values = form?.values ?? { company: query(req).company ?? '' };
    const errors = form?.errors ?? {};
    const f = (name: string, key: string) => ({
      lang: L,
      name,
      label: t(L, key),
      value: values[name],
      error: errors[name],
    });
    const defaultDate = today > monday && today <= sunday ? today : monday;
    return (
      <Layout req={req} title={t(L, 'op.title')} nav="/staff/outreach">
        <h1>{t(L, 'op.title')}</h1>
        <OutreachMenu req={req} here="/staff/outreach" />
        {notice ? <Notice kind="ok">{notice}</Notice> : null}
        <section aria-labelledby="plan-h">
          <h2 id="plan-h">{t(L, 'op.plan')}</h2>
          <form method="post" action={`/staff/outreach/visits?week=${monday}`} novalidate>
            <Csrf token={req.csrfToken} />
            <ErrorSummary lang={L} message={form?.message} errors={errors} />
            <Input {...f('company', 'op.company')} hint={t(L, 'op.companyHint')} />
            <details open={Boolean(values.newName)}>
              <summary>{t(L, 'op.newCompany')}</summary>
              <Input {...f('newName', 'op.newName')} />
              <Input {...f('newBizRegNo', 'op.newBizRegNo')} inputMode="numeric" />
              <Select {...f('newRegion', 'op.newRegion')} options={regionOptions(L)} />
              <Input {...f('newAddress', 'op.newAddress')} />
            </details>
            <div class="grid">
              <Input {...f('date', 'op.date')} type="date" value={values.date ?? defaultDate} required />
              <Input
                {...f('time', 'op.time')}
                type="text"
                inputMode="numeric"
                pattern="\d{2}:\d{2}"
                value={values.time ?? '10:00'}
                required
              />
            </div>
            <Input {...f('purpose', 'op.purpose')} maxLength={500} />
            <div class="actions">
              <button type="submit">{t(L, 'op.plan')}</button>
            </div>
          </form>
        </section>
        <nav class="pager" aria-label={t(L, 'op.week', { from: monday, to: sunday })}>
          <a href={`/staff/outreach?week=${addDays(monday, -7)}`}>{t(L, 'op.prevWeek')}</a>
          <a href="/staff/outreach">{t(L, 'op.thisWeek')}</a>
          <a href={`/staff/outreach?week=${addDays(monday, 7)}`}>{t(L, 'op.nextWeek')}</a>
        </nav>
        <section aria-labelledby="week-h" id="week">
          <h2 id="week-h">
            {t(L, 'op.byDay')}: {t(L, 'op.week', { from: koDate(monday, L), to: koDate(sunday, L) })}
          </h2>
          {visits.length === 0 ? <p class="muted">{t(L, 'op.noVisits')}</p> : null}
          {days.map((d) => {
            const ofDay = visits.filter((v) => seoulDate(new Date(v.heldAt ?? v.plannedAt)) === d);
            return (
              <section key={d} id={`day-${d}`} aria-labelledby={`day-${d}-h`}>
                <h3 id={`day-${d}-h`}>
                  {koDate(d, L)} <span class="muted">{t(L, 'op.visitsN', { n: ofDay.length })}</span>
                </h3>
                {ofDay.length ? (
                  <ul class="cards">
                    {ofDay.map((v) => (
                      <VisitCard key={v.id} v={v} places={places} team={team} L={L} />
                    ))}
                  </ul>
                ) : (
                  <p class="muted">{t(L, 'op.noneThisDay')}</p>
                )}
              </section>
            );
          })}
        </section>
        <section aria-labelledby="dong-h" id="by-dong">
          <h2 id="dong-h">{t(L, 'op.byDong')}</h2>
          {[...byDong.entries()]
            .sort(([a], [b]) => a.localeCompare(b, 'ko'))
            .map(([dong, list]) => (
              <section key={dong} aria-label={dong}>
                <h3>
                  {dong} <span class="muted">{t(L, 'op.visitsN', { n: list.length })}</span>
                </h3>
                <ul>
                  {list.map((v) => (
                    <li key={v.id}>
                      <a href={`/staff/outreach/visits/${v.id}`}>{v.employerName}</a>{' '}
                      <span class="muted">
                        {koDate(v.heldAt ?? v.plannedAt, L, true)} · {v.statusName}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </section>
      </Layout>
    );
  }

  app.get('/staff/outreach', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.read');
    return renderPage(reply, await weekPage(req));
  });

  app.post('/staff/outreach/visits', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'outreach.write');
    const body = formBody(req);
    const values = Object.fromEntries(PLAN_FIELDS.map((k) => [k, str(body, k)]));
    const rc = { ...requestContext(ctx.db, req), dataKey: ctx.dataKey };
    try {
      const plannedAt = seoulInstant(values.date ?? '', values.time ?? '');
      if (!plannedAt) {
        throw invalidField(values.date ? 'time' : 'date');
      }
      const newCompany = values.newName
        ? {
            name: values.newName,
            bizRegNo: values.newBizRegNo ?? '',
            regionCode: values.newRegion ?? '',
            address: values.newAddress || null,
          }
        : null;
      const known = newCompany
        ? null
        : await companyFromText(ctx.db, values.company ?? '', actor.centreId, 'company');
      const v = await planVisit(rc, {
        ...(known ? { employerId: known.id } : { employer: newCompany ?? undefined }),
        plannedAt,
        purpose: values.purpose || null,
      });
      return renderPage(
        reply,
        await weekPage(
          req,
          undefined,
          t(req.lang, 'op.planned', {
            company: v.employerName ?? '',
            at: koDate(v.plannedAt, req.lang, true),
          }),
        ),
      );
    } catch (err) {
      const e = failure(err, req.lang);
      const errors: Record<string, string> = {};
      for (const [k, msg] of Object.entries(e.fields)) {
        const name = k.startsWith('employer.')
          ? `new${k[9]?.toUpperCase()}${k.slice(10)}`
          : k === 'employerId'
            ? 'company'
            : k === 'plannedAt'
              ? 'date'
              : k;
        errors[name === 'newRegionCode' ? 'newRegion' : name] = msg;
      }
      return renderPage(reply, await weekPage(req, { values, errors, message: e.text }), e.status);
    }
  });

  registerVisitPages(app, ctx);
  registerRequestPages(app, ctx);
  registerEmployerRequestsPage(app, ctx);
  registerDepartmentRequestPages(app, ctx);
  registerCompanyListPages(app, ctx);
}

function invalidField(field: string) {
  return invalid([{ field, key: field === 'time' ? 'field.invalid' : 'field.date' }]);
}
