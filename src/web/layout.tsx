import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { can, type Permission } from '../platform/access/policy.ts';
import type { Actor } from '../platform/http/actor.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { asset } from './assets.ts';
import './messages.ts';
import { pageExists } from './registry.ts';

export interface LayoutProps {
  req: FastifyRequest;
  title: string;
  children: ComponentChildren;
  /** The nav entry to mark as current (its href); defaults to the request's path. */
  nav?: string;
}

interface NavItem {
  href: string;
  key: string;
  permission?: Permission;
  /** Marks the item current for sub-paths too (/staff/seekers/123). */
  prefix?: boolean;
}

const staffRoles = new Set(['admin', 'manager', 'counsellor', 'outreach']);

/** True for back-office roles. */
export function isStaff(actor: Actor | null): boolean {
  return actor !== null && staffRoles.has(actor.role);
}

function navFor(actor: Actor | null): NavItem[] {
  if (actor && isStaff(actor)) {
    return [
      { href: '/staff', key: 'web.nav.dashboard' },
      { href: '/staff/seekers', key: 'web.nav.seekers', permission: 'seekers.read', prefix: true },
      { href: '/staff/employers', key: 'web.nav.employers', permission: 'employers.read', prefix: true },
      { href: '/staff/postings', key: 'web.nav.postings', permission: 'postings.read', prefix: true },
      { href: '/staff/calendar', key: 'web.nav.calendar', permission: 'appointments.write', prefix: true },
      { href: '/staff/referrals', key: 'web.nav.referrals', permission: 'referrals.read', prefix: true },
      { href: '/staff/reports', key: 'web.nav.reports', permission: 'reports.read', prefix: true },
      { href: '/staff/bookings', key: 'web.nav.bookings', permission: 'bookings.manage', prefix: true },
      { href: '/staff/events', key: 'web.nav.events', permission: 'events.manage', prefix: true },
      {
        href: '/staff/public-jobs',
        key: 'web.nav.publicJobs',
        permission: 'publicjobs.manage',
        prefix: true,
      },
      { href: '/staff/programmes', key: 'web.nav.programmes', permission: 'programmes.manage', prefix: true },
      { href: '/staff/outreach', key: 'web.nav.outreach', permission: 'outreach.read', prefix: true },
      { href: '/jobs', key: 'web.nav.jobs', prefix: true },
    ];
  }
  if (actor?.role === 'seeker') {
    return [
      { href: '/jobs', key: 'web.nav.jobs', prefix: true },
      { href: '/bookings', key: 'web.nav.bookings', prefix: true },
      { href: '/public-jobs', key: 'web.nav.publicJobs', prefix: true },
      { href: '/programmes', key: 'web.nav.programmes', prefix: true },
      { href: '/me', key: 'web.nav.me', prefix: true },
    ];
  }
  if (actor?.role === 'department') {
    return [{ href: '/department/requests', key: 'web.nav.departmentRequests', prefix: true }];
  }
  if (actor?.role === 'employer') {
    return [
      { href: '/employer', key: 'web.nav.employer', prefix: true },
      { href: '/employer/requests', key: 'web.nav.employerRequests' },
      { href: '/jobs', key: 'web.nav.jobs', prefix: true },
    ];
  }
  return [
    { href: '/jobs', key: 'web.nav.jobs', prefix: true },
    { href: '/bookings', key: 'web.nav.bookings', prefix: true },
    { href: '/register', key: 'web.nav.register' },
    { href: '/employer/signup', key: 'web.nav.employerSignup' },
  ];
}

/** The same path and query with `lang` replaced: the language switch keeps the user's place. */
export function langHref(req: FastifyRequest, lang: 'ko' | 'en'): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

function path(req: FastifyRequest): string {
  return new URL(req.url, 'http://x').pathname;
}

/**
 * The one search box on every staff page (issue 15): a name, a phone number or its last four
 * digits, a 구직번호 or a birth date, answered by the seeker list. `/` focuses it (app.js
 * focuses an input whose data-key is the key pressed; no inline script, the CSP allows none).
 */
function FindBox({ lang }: { lang: Lang }) {
  return (
    <search class="find" aria-label={t(lang, 'web.find')}>
      <form method="get" action="/staff/seekers">
        <label for="find-q" class="visually-hidden">
          {t(lang, 'web.find.label')}
        </label>
        <input
          id="find-q"
          name="q"
          type="search"
          autocomplete="off"
          placeholder={t(lang, 'web.find.placeholder')}
          data-key="/"
          data-key-label={t(lang, 'web.find')}
          aria-keyshortcuts="/"
        />
        <button type="submit">{t(lang, 'web.form.search')}</button>
      </form>
    </search>
  );
}

/** The page frame: skip link, header with name, language switch and role menu, main, footer. */
export function Layout({ req, title, children, nav }: LayoutProps): VNode {
  const lang = req.lang;
  const actor = req.actor;
  const here = nav ?? path(req);
  const items = navFor(actor).filter(
    (i) => (!i.permission || can(actor, i.permission)) && pageExists(i.href),
  );
  const current = items
    .filter((i) => here === i.href || (i.prefix && here.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const other = lang === 'ko' ? 'en' : 'ko';
  const home = isStaff(actor) ? '/staff' : '/';
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t(lang, 'web.appName')}`}</title>
        {req.csrfToken ? <meta name="csrf-token" content={req.csrfToken} /> : null}
        <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={asset('vendor/krds-tokens.css')} />
        <link rel="stylesheet" href={asset('app.css')} />
        <script src={asset('app.js')} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'web.skip')}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href={home}>
              <span class="brand-name">{t(lang, 'web.appName')}</span>
              <span class="brand-tag">{t(lang, 'web.appTagline')}</span>
            </a>
            <div class="tools">
              <a href={langHref(req, other)} hrefLang={other} lang={other} class="lang">
                {t(lang, 'web.langSwitch')}
              </a>
              {actor ? (
                <>
                  <span class="who">
                    {t(lang, 'web.signedInAs', { name: actor.name, role: t(lang, `web.role.${actor.role}`) })}
                  </span>
                  <form method="post" action="/logout" class="inline">
                    {req.csrfToken ? <input type="hidden" name="_csrf" value={req.csrfToken} /> : null}
                    <button type="submit" class="link">
                      {t(lang, 'web.nav.logout')}
                    </button>
                  </form>
                </>
              ) : (
                <a href={`/login?next=${encodeURIComponent(req.url.split('?')[0] ?? '/')}`}>
                  {t(lang, 'web.nav.login')}
                </a>
              )}
            </div>
          </div>
          {isStaff(actor) && can(actor, 'seekers.read') && pageExists('/staff/seekers') ? (
            <FindBox lang={lang} />
          ) : null}
          {items.length > 0 ? (
            <nav aria-label={t(lang, 'web.nav')} class="menu">
              <ul>
                {items.map((i) => (
                  <li key={i.href}>
                    <a href={i.href} aria-current={i.href === current ? 'page' : undefined}>
                      {t(lang, i.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site">
          <p>{t(lang, 'web.footer')}</p>
          {isStaff(actor) ? <p class="muted">{t(lang, 'web.shortcuts')}</p> : null}
        </footer>
      </body>
    </html>
  );
}

/** Sends a page: doctype + rendered markup as UTF-8 HTML, never cached (pages hold personal data). */
export function renderPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(vnode)}`);
}

/** Redirects an anonymous visitor to the login page, coming back here afterwards. */
export function toLogin(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
}

/** A page-level message box (errors, confirmations). */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** The page numbers a pager shows: all up to 7, else the first, the last and two either side. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const from = Math.max(2, Math.min(page - 2, pages - 5));
  const to = Math.min(pages - 1, Math.max(page + 2, 6));
  const middle = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return [1, ...(from > 2 ? [null] : []), ...middle, ...(to < pages - 1 ? [null] : []), pages];
}

/**
 * KRDS pagination (krds-pagination: previous, numbered pages with the current one marked,
 * next; KRDS's greyed-out previous/next on the first and last pages are left out, their text
 * is below the contrast minimum) over a paginated list, keeping the other query parameters, with the count below it.
 */
export function Pager({
  req,
  page,
  pageSize,
  total,
}: {
  req: FastifyRequest;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => {
    const url = new URL(req.url, 'http://x');
    url.searchParams.set('page', String(p));
    return url.pathname + url.search;
  };
  const L = req.lang;
  return (
    <nav class="pager" aria-label={t(L, 'web.pager')}>
      <link rel="stylesheet" href={asset('vendor/krds-components.css')} />
      {pages > 1 ? (
        <div class="krds-pagination">
          {page > 1 ? (
            <a class="page-navi prev" href={link(page - 1)} rel="prev">
              {t(L, 'web.pager.prev')}
            </a>
          ) : null}
          <div class="page-links">
            {pageNumbers(page, pages).map((p, i) =>
              p === null ? (
                <span key={`gap-${i}`} class="page-link link-dot" aria-hidden="true" />
              ) : p === page ? (
                <a key={p} class="page-link active" href={link(p)} aria-current="page">
                  <span class="visually-hidden">{t(L, 'web.pager.current')} </span>
                  {p}
                </a>
              ) : (
                <a key={p} class="page-link" href={link(p)}>
                  {p}
                </a>
              ),
            )}
          </div>
          {page < pages ? (
            <a class="page-navi next" href={link(page + 1)} rel="next">
              {t(L, 'web.pager.next')}
            </a>
          ) : null}
        </div>
      ) : null}
      <p class="pager-status">{t(L, 'web.pager.status', { page, pages, total })}</p>
    </nav>
  );
}

/** A full error page (404, 403) in the layout. */
export function ErrorPage({
  req,
  status,
  message,
  errors = [],
}: {
  req: FastifyRequest;
  status: number;
  message: string;
  /** Field problems of a validation error, named as the form names them. */
  errors?: { field: string; message: string }[];
}) {
  return (
    <Layout req={req} title={t(req.lang, 'web.error.title')}>
      <h1>
        {status} · {t(req.lang, 'web.error.title')}
      </h1>
      <p>{message}</p>
      {errors.length ? (
        <ul>
          {errors.map((e) => (
            <li key={e.field}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={isStaff(req.actor) ? '/staff' : '/'}>{t(req.lang, 'web.error.back')}</a>
      </p>
    </Layout>
  );
}
