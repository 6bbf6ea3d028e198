import type { FastifyRequest } from 'fastify';
import { can, type Permission } from '../platform/access/policy.ts';
import type { Actor } from '../platform/http/actor.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import './messages.ts';
import { pageExists } from './registry.ts';

/**
 * The page frame's KRDS parts (issue 15): the masthead that tells a visitor this is an official
 * government site, the header (utility links, branding, the main menu as KRDS's GNB) and the
 * footer, in the markup KRDS documents (krds-uiux html/code/masthead, header, footer) so its
 * component rules (krds-components.ts) style them. KRDS's drop-downs and its two-pane mobile
 * menu need its script, which ilteo does not ship. Below 1024 px ilteo's own static/menu.js
 * shows KRDS's 전체메뉴 button (`btn-navi all`, rendered hidden) and turns the one-level GNB
 * into a drawer it opens; without the script the button stays hidden and the menu stays a
 * wrapping list under the header (base.css). The footer is site-footer.tsx.
 */

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

/** KRDS masthead: "이 누리집은 대한민국 공식 전자정부 누리집입니다." above everything else. */
export function Masthead({ lang }: { lang: Lang }) {
  return (
    <div id="krds-masthead">
      <div class="toggle-wrap">
        <div class="toggle-head">
          <div class="inner">
            <span class="nuri-txt">{t(lang, 'web.masthead')}</span>
          </div>
        </div>
      </div>
    </div>
  );
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
          class="krds-input medium"
          autocomplete="off"
          placeholder={t(lang, 'web.find.placeholder')}
          data-key="/"
          data-key-label={t(lang, 'web.find')}
          aria-keyshortcuts="/"
        />
        <button type="submit" class="krds-btn secondary medium">
          {t(lang, 'web.form.search')}
        </button>
      </form>
    </search>
  );
}

/** The GNB's id: the menu button controls it (aria-controls), menu.js finds it by it. */
const MENU_ID = 'site-menu';

/**
 * KRDS's 전체메뉴 button. Rendered hidden: menu.js shows it (KRDS's rules hide it from 1024 px
 * on), so a page without the script never shows a button that does nothing.
 */
function MenuButton({ lang }: { lang: Lang }) {
  return (
    <button
      type="button"
      id="menu-button"
      class="btn-navi all"
      aria-controls={MENU_ID}
      aria-expanded="false"
      hidden
    >
      {t(lang, 'web.menu.open')}
    </button>
  );
}

/** KRDS header: utility links (language, who is signed in), the service name, log in/out, the GNB. */
export function SiteHeader({ req, nav }: { req: FastifyRequest; nav?: string }) {
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
    <header id="krds-header">
      <div class="header-in">
        <div class="header-container">
          <div class="inner">
            <div class="header-utility">
              <ul class="utility-list">
                <li>
                  <a
                    href={langHref(req, other)}
                    hrefLang={other}
                    lang={other}
                    class="krds-btn small text lang"
                  >
                    {t(lang, 'web.langSwitch')}
                  </a>
                </li>
                {actor ? (
                  <li>
                    <span class="who">
                      {t(lang, 'web.signedInAs', {
                        name: actor.name,
                        role: t(lang, `web.role.${actor.role}`),
                      })}
                    </span>
                  </li>
                ) : null}
              </ul>
            </div>
            <div class="header-branding">
              <a class="brand" href={home}>
                <span class="brand-name">{t(lang, 'web.appName')}</span>
                <span class="brand-tag">{t(lang, 'web.appTagline')}</span>
              </a>
              <div class="header-actions">
                {actor ? (
                  <form method="post" action="/logout" class="inline">
                    {req.csrfToken ? <input type="hidden" name="_csrf" value={req.csrfToken} /> : null}
                    <button type="submit" class="krds-btn tertiary small">
                      {t(lang, 'web.nav.logout')}
                    </button>
                  </form>
                ) : (
                  <a
                    class="krds-btn tertiary small"
                    href={`/login?next=${encodeURIComponent(req.url.split('?')[0] ?? '/')}`}
                  >
                    {t(lang, 'web.nav.login')}
                  </a>
                )}
                {items.length > 0 ? <MenuButton lang={lang} /> : null}
              </div>
            </div>
          </div>
        </div>
        {isStaff(actor) && can(actor, 'seekers.read') && pageExists('/staff/seekers') ? (
          <FindBox lang={lang} />
        ) : null}
        {items.length > 0 ? (
          <nav id={MENU_ID} aria-label={t(lang, 'web.nav')} class="krds-main-menu">
            <div class="inner">
              <div class="menu-head" hidden>
                <button type="button" class="krds-btn tertiary medium menu-close">
                  {t(lang, 'web.menu.close')}
                </button>
              </div>
              <ul class="gnb-menu">
                {items.map((i) => (
                  <li key={i.href}>
                    <a
                      href={i.href}
                      class={
                        i.href === current ? 'gnb-main-trigger is-link active' : 'gnb-main-trigger is-link'
                      }
                      aria-current={i.href === current ? 'page' : undefined}
                    >
                      {t(lang, i.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
