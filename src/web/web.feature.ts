import { registerAccountPages } from '../features/accounts/accounts.pages.tsx';
import { registerEmployerCompanyPages } from '../features/employers/employer-company.pages.tsx';
import { registerEmployerSignupPages } from '../features/employers/employer-signup.pages.tsx';
import { registerEmployerPages } from '../features/employers/employers.pages.tsx';
import { registerPostingDetailPages } from '../features/postings/posting-detail.pages.tsx';
import { registerPostingPages } from '../features/postings/postings.pages.tsx';
import { registerReferralLetterPages } from '../features/referrals/referral-letter.pages.tsx';
import { registerReferralPages } from '../features/referrals/referrals.pages.tsx';
import { registerSeekerCardPages } from '../features/seekers/seeker-card.pages.tsx';
import { registerSeekerDetailPages } from '../features/seekers/seeker-detail.pages.tsx';
import { registerSeekerPortalPages } from '../features/seekers/seekers.me.pages.tsx';
import { registerSeekerPages } from '../features/seekers/seekers.pages.tsx';
import type { Feature } from '../platform/context.ts';
import { registerAdminPages } from './admin.pages.tsx';
import { registerDashboardPages } from './dashboard.pages.tsx';
import { registerPortalPages } from './portal.pages.tsx';
import { rememberApp } from './registry.ts';
import { registerStatic } from './static.ts';

/** The web application: static files and every server-rendered page (portal and back office). */
export const webFeature: Feature = {
  name: 'web',
  routes(app, ctx) {
    rememberApp(app);
    // The footer's 기관 정보 (site-footer.tsx reads it from req.server).
    app.decorate('site', ctx.config.site);
    // ?lang=en from the language switch sticks for the next pages.
    app.addHook('onRequest', async (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/static/')) return;
      const q = (req.query as Record<string, unknown> | undefined)?.lang;
      if ((q === 'ko' || q === 'en') && req.cookies.lang !== q) {
        reply.setCookie('lang', q, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
      }
    });
    registerStatic(app);
    registerAccountPages(app, ctx);
    registerPortalPages(app, ctx);
    registerDashboardPages(app, ctx);
    registerAdminPages(app, ctx);
    registerSeekerPages(app, ctx);
    registerSeekerDetailPages(app, ctx);
    registerPostingPages(app, ctx);
    registerPostingDetailPages(app, ctx);
    registerSeekerCardPages(app, ctx);
    registerReferralLetterPages(app, ctx);
    registerEmployerPages(app, ctx);
    registerEmployerSignupPages(app, ctx);
    registerEmployerCompanyPages(app, ctx);
    registerReferralPages(app, ctx);
    registerSeekerPortalPages(app, ctx);
  },
};
