import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { t } from '../platform/i18n/i18n.ts';
import { Alert } from './alert.tsx';
import { asset } from './assets.ts';
import './krds-markup.ts';
import './messages.ts';
import { SiteFooter } from './site-footer.tsx';
import { isStaff, Masthead, SiteHeader } from './site-frame.tsx';

export interface LayoutProps {
  req: FastifyRequest;
  title: string;
  children: ComponentChildren;
  /** The nav entry to mark as current (its href); defaults to the request's path. */
  nav?: string;
}

export { isStaff, langHref } from './site-frame.tsx';

/**
 * The page frame: skip link, KRDS masthead and header (site-frame.tsx), main, KRDS footer. The
 * KRDS component rules (krds-components.css, cut from the package) come after the tokens and
 * before app.css, which adapts them to ilteo (a phone's one-level menu, stacking tables).
 */
export function Layout({ req, title, children, nav }: LayoutProps): VNode {
  const lang = req.lang;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t(lang, 'web.appName')}`}</title>
        {req.csrfToken ? <meta name="csrf-token" content={req.csrfToken} /> : null}
        <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={asset('vendor/krds-tokens.css')} />
        <link rel="stylesheet" href={asset('vendor/krds-components.css')} />
        <link rel="stylesheet" href={asset('app.css')} />
        {/* Not deferred: it marks the page before the header is drawn, so a phone never shows
            the menu open first and then folds it away (3 KB, cached for a year like the rest). */}
        <script src={asset('menu.js')} />
        <script src={asset('app.js')} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'web.skip')}
        </a>
        <Masthead lang={lang} />
        <SiteHeader req={req} nav={nav} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter req={req} />
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

/** A page-level message box (errors, confirmations) as a KRDS alert (alert.tsx). */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info'; children: ComponentChildren }) {
  return <Alert kind={kind}>{children}</Alert>;
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
