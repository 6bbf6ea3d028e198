import type { FastifyRequest } from 'fastify';
import { Fragment } from 'preact';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { codeName } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { isStaff, Layout, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import {
  formToken,
  num,
  pageNo,
  pageOpts,
  pageWindow,
  requirePermission,
  seoul,
  uuidParam,
} from '../../web/page.tsx';
import { userNames } from '../accounts/user-lookups.service.ts';
import { hiresWithEmployer } from '../employments/employer-hires.service.ts';
import { companyOutreach } from '../outreach/company.service.ts';
import { ClaimCodeBox } from './employer-claim.pages.tsx';
import { CompanyOutreach } from './employer-outreach.tsx';
import { sizeName } from './employer-size.ts';
import '../employments/employments.messages.ts';
import { listPostings } from '../postings/postings.service.ts';
import { referralCountsForEmployer } from '../referrals/referral-counts.service.ts';
import { REFERRAL_STATUSES } from '../referrals/referrals.service.ts';
import './employers.pages.messages.ts';
import { getEmployer } from './employers.service.ts';

// The staff page of one company (/staff/employers/{id}): what a counsellor or outreach officer
// needs before a call or a visit, and for outreach readers its visits, requests and agreements. Read like GET /api/v1/employers/{id}: every staff member sees
// the shared registry, contacts only the owning centre subtree (decrypted and access-logged).

type Employer = Awaited<ReturnType<typeof getEmployer>>;
type Postings = Awaited<ReturnType<typeof listPostings>>;
type Hires = NonNullable<Awaited<ReturnType<typeof hiresWithEmployer>>>;

const HIRES_SHOWN = 20;

/** 1234567890 → 123-45-67890, as the number is printed on the certificate. */
export function bizRegNoText(no: string): string {
  return no.replace(/^(\d{3})(\d{2})(\d{5})$/, '$1-$2-$3');
}

function CompanyFacts({ e, counsellor, L }: { e: Employer; counsellor: string | null; L: Lang }) {
  const industry = e.ksic ? `${codeName('industries', e.ksic, L)} (${e.ksic})` : '';
  return (
    <section aria-labelledby="company-h">
      <h2 id="company-h">{t(L, 'pe.info')}</h2>
      <dl class="facts">
        <dt>{t(L, 'pe.bizRegNo')}</dt>
        <dd>{bizRegNoText(e.bizRegNo)}</dd>
        <dt>{t(L, 'pe.region')}</dt>
        <dd>{codeName('regions', e.regionCode, L)}</dd>
        {e.address ? (
          <>
            <dt>{t(L, 'pe.address')}</dt>
            <dd>{e.address}</dd>
          </>
        ) : null}
        <dt>{t(L, 'pe.ksic')}</dt>
        <dd>{industry || '—'}</dd>
        <dt>{t(L, 'pe.size')}</dt>
        <dd>{sizeName(e.size, L) || '—'}</dd>
        <dt>{t(L, 'pe.counsellor')}</dt>
        <dd>{counsellor ?? '—'}</dd>
      </dl>
    </section>
  );
}

function Contacts({ e, L }: { e: Employer; L: Lang }) {
  return (
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">{t(L, 'pe.contacts')}</h2>
      {!e.contacts ? <p class="muted">{t(L, 'pe.contactsHidden')}</p> : null}
      {e.contacts && e.contacts.length === 0 ? <p class="muted">{t(L, 'pe.noContacts')}</p> : null}
      {e.contacts?.length ? (
        <ul class="cards">
          {e.contacts.map((c, i) => (
            <li class="card" key={`${c.name}-${i}`}>
              <p>
                <strong>{c.name}</strong>
              </p>
              {c.phone ? (
                <p>
                  {t(L, 'pe.contactPhone')}: <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
                </p>
              ) : null}
              {c.email ? (
                <p>
                  {t(L, 'pe.contactEmail')}: <a href={`mailto:${c.email}`}>{c.email}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {e.notes ? (
        <>
          <h3>{t(L, 'pe.notes')}</h3>
          <p>{e.notes}</p>
        </>
      ) : null}
    </section>
  );
}

function approvalText(p: Postings['items'][number], L: Lang): string {
  if (p.status === 'pending') return t(L, 'pe.awaitingApproval');
  if (p.status === 'draft') return t(L, 'pe.notSubmitted');
  return p.approvedAt ? t(L, 'pe.approvedOn', { date: seoul(p.approvedAt, false) }) : '—';
}

function PostingsSection({ req, postings, page }: { req: FastifyRequest; postings: Postings; page: number }) {
  const L = req.lang;
  return (
    <section aria-labelledby="postings-h" id="postings">
      <h2 id="postings-h">
        {t(L, 'pe.postingsOf')} ({num(postings.total)})
      </h2>
      {postings.items.length === 0 ? (
        <p class="muted">{t(L, 'pe.noPostings')}</p>
      ) : (
        <StackTable
          lang={L}
          columns={['pe.title', 'pe.status', 'pe.approval', 'pe.headcount', 'pe.closesAt']}
        >
          {postings.items.map((p) => (
            <tr key={p.id}>
              <td data-label={t(L, 'pe.title')}>
                <a href={`/staff/postings/${p.id}`}>{p.title}</a>
              </td>
              <td data-label={t(L, 'pe.status')}>{t(L, `pp.status.${p.status}`)}</td>
              <td data-label={t(L, 'pe.approval')}>{approvalText(p, L)}</td>
              <td data-label={t(L, 'pe.headcount')}>{num(p.headcount)}</td>
              <td data-label={t(L, 'pe.closesAt')}>{koDate(p.closesAt, L)}</td>
            </tr>
          ))}
        </StackTable>
      )}
      <Pager req={req} page={page} pageSize={20} total={postings.total} />
    </section>
  );
}

function ReferralCounts({ counts, L }: { counts: Partial<Record<string, number>>; L: Lang }) {
  const total = Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0);
  return (
    <section aria-labelledby="referrals-h">
      <h2 id="referrals-h">{t(L, 'pe.referrals')}</h2>
      <dl class="facts">
        <dt>{t(L, 'pe.referralTotal')}</dt>
        <dd>
          <strong>{t(L, 'pe.cases', { count: num(total) })}</strong>
        </dd>
        {REFERRAL_STATUSES.map((s) => (
          <Fragment key={s}>
            <dt>{t(L, `pr.status.${s}`)}</dt>
            <dd>{t(L, 'pe.cases', { count: num(counts[s] ?? 0) })}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function HiresSection({ hires, L }: { hires: Hires; L: Lang }) {
  return (
    <section aria-labelledby="hires-h">
      <h2 id="hires-h">
        {t(L, 'pe.hires')} ({num(hires.total)})
      </h2>
      {hires.items.length === 0 ? <p class="muted">{t(L, 'pe.noHires')}</p> : null}
      {hires.total > hires.items.length ? (
        <p class="muted">
          {t(L, 'pe.hiresShown', { total: num(hires.total), shown: num(hires.items.length) })}
        </p>
      ) : null}
      {hires.items.length ? (
        <StackTable lang={L} columns={['pe.startDate', 'pe.seeker', 'pe.route', 'pe.posting']}>
          {hires.items.map((h) => (
            <tr key={h.id}>
              <td data-label={t(L, 'pe.startDate')}>{koDate(h.startDate, L)}</td>
              <td data-label={t(L, 'pe.seeker')}>
                <a href={`/staff/seekers/${h.seekerId}`}>{h.seekerName}</a>{' '}
                <span class="muted">({h.registrationNo})</span>
              </td>
              <td data-label={t(L, 'pe.route')}>{t(L, `employment.route.${h.route}`)}</td>
              <td data-label={t(L, 'pe.posting')}>
                {h.postingId ? <a href={`/staff/postings/${h.postingId}`}>{h.postingTitle}</a> : '—'}
              </td>
            </tr>
          ))}
        </StackTable>
      ) : null}
    </section>
  );
}

/** GET /staff/employers/{id}: company details, contacts, postings, referrals and hires. */
export function registerEmployerDetailPage(app: Server, ctx: AppContext): void {
  app.get('/staff/employers/:id', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'employers.read');
    if (!isStaff(actor)) throw new DomainError('forbidden', 'web.error.forbidden');
    const L = req.lang;
    const id = uuidParam(req);
    const page = pageNo(req);
    const e = await getEmployer(ctx.db, { dataKey: ctx.dataKey, ip: req.ip }, actor, id);
    const rc = requestContext(ctx.db, req);
    const [names, postings, counts, hires, outreach] = await Promise.all([
      userNames(ctx.db, [e.counsellorId]),
      listPostings(ctx.db, actor, { employerId: id, ...pageWindow(page) }),
      referralCountsForEmployer(rc, { employerId: id }),
      hiresWithEmployer(rc, { employerId: id, limit: HIRES_SHOWN }),
      can(actor, 'outreach.read') ? companyOutreach(rc, { employerId: id }) : null,
    ]);
    const counsellor = e.counsellorId ? (names.get(e.counsellorId) ?? null) : null;
    return renderPage(
      reply,
      <Layout req={req} title={e.name} nav="/staff/employers">
        <p>
          <a href="/staff/employers">{t(L, 'pe.backToList')}</a>
        </p>
        <h1>
          {e.name}
          {e.prospect ? (
            <>
              {' '}
              <span class="tag">{t(L, 'peo.prospect')}</span>
            </>
          ) : null}
        </h1>
        <div class="two">
          <CompanyFacts e={e} counsellor={counsellor} L={L} />
          <Contacts e={e} L={L} />
        </div>
        {outreach ? <CompanyOutreach o={outreach} bizRegNo={e.bizRegNo} L={L} /> : null}
        {e.prospect && e.contacts && can(actor, 'employers.write') ? (
          <ClaimCodeBox id={id} token={formToken(req, reply)} L={L} />
        ) : null}
        <PostingsSection req={req} postings={postings} page={page} />
        {counts || hires ? (
          <div class="two">
            {counts ? <ReferralCounts counts={counts} L={L} /> : null}
            {hires ? <HiresSection hires={hires} L={L} /> : null}
          </div>
        ) : null}
      </Layout>,
    );
  });
}
