import type { FastifyRequest } from 'fastify';
import type { SiteConfig } from '../platform/config.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { asset } from './assets.ts';
import './messages.ts';
import { pageExists } from './registry.ts';
import { isStaff } from './site-frame.tsx';

/**
 * The KRDS footer (krds-uiux html/code/footer.html): ilteo's own mark, the 기관 정보 — who runs
 * the service, its address and main number as the installation configures them (ILTEO_SITE_*,
 * config.ts), else the service's own line; for a signed-in account the centre that serves it
 * with its main number, from the centre record — then KRDS's link list (only pages this server
 * has: a link to a policy page that does not exist is left out), the copyright and, when the
 * operator is configured, KRDS's identifier naming it. No KRDS logo: it is KRDS's, not the
 * operator's.
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** The footer's 기관 정보 (config.site), set by the web feature. */
    site?: SiteConfig;
  }
}

/** The footer's links in KRDS's order, each shown only when its page exists. */
const footerLinks: { href: string; key: string; point?: boolean }[] = [
  { href: '/privacy', key: 'web.footer.link.privacy', point: true },
  { href: '/terms', key: 'web.footer.link.terms' },
  { href: '/api/docs', key: 'web.footer.link.api' },
];

/** A phone number as a link a phone can call. */
function Phone({ phone }: { phone: string }) {
  return <a href={`tel:${phone.replace(/-/g, '')}`}>{phone}</a>;
}

/** The centre that serves the signed-in account, with its main number (the centre record). */
function HomeCentre({ req, lang }: { req: FastifyRequest; lang: Lang }) {
  const centre = req.actor?.homeCentre;
  if (!centre) return null;
  return (
    <li>
      <strong class="strong">
        {t(lang, isStaff(req.actor) ? 'web.footer.ownCentre' : 'web.footer.servingCentre')} {centre.name}
      </strong>
      {centre.phone ? (
        <span class="span">
          {t(lang, 'web.footer.phone')} <Phone phone={centre.phone} />
        </span>
      ) : null}
    </li>
  );
}

/** KRDS footer: 기관 정보, the staff shortcuts, the link list, copyright, identifier. */
export function SiteFooter({ req }: { req: FastifyRequest }) {
  const lang = req.lang;
  const site: SiteConfig = req.server?.site ?? { operator: null, address: null, phone: null };
  const operator = site.operator ?? t(lang, 'web.footer.service');
  const links = footerLinks.filter((l) => pageExists(l.href));
  const home = req.actor?.homeCentre;
  return (
    <footer id="krds-footer">
      <div class="inner">
        <p class="f-brand">
          <img src={asset('favicon.svg')} alt="" width={32} height={32} />
          <span>{t(lang, 'web.appName')}</span>
        </p>
        <div class="f-cnt">
          <div class="f-info">
            <p class="info-addr">
              <span class="operator">{operator}</span>
              {site.address ? (
                <>
                  {' '}
                  <span class="address">{site.address}</span>
                </>
              ) : null}
            </p>
            {site.phone || home ? (
              <ul class="info-cs">
                {site.phone ? (
                  <li>
                    <strong class="strong">
                      {t(lang, 'web.footer.phone')} <Phone phone={site.phone} />
                    </strong>
                  </li>
                ) : null}
                <HomeCentre req={req} lang={lang} />
              </ul>
            ) : null}
            <p class="info-privacy">{t(lang, 'web.footer.privacy')}</p>
            {isStaff(req.actor) ? <p class="shortcuts">{t(lang, 'web.shortcuts')}</p> : null}
          </div>
        </div>
        <div class="f-btm">
          <div class="f-btm-text">
            {links.length ? (
              <div class="f-menu">
                {links.map((l) => (
                  <a key={l.href} href={l.href} class={l.point ? 'point' : undefined}>
                    {t(lang, l.key)}
                  </a>
                ))}
              </div>
            ) : null}
            <p class="f-copy">{t(lang, 'web.copyright')}</p>
          </div>
          {site.operator ? (
            <div class="krds-identifier">
              <span class="ban-txt">{t(lang, 'web.footer.identifier', { operator: site.operator })}</span>
            </div>
          ) : null}
        </div>
      </div>
    </footer>
  );
}
