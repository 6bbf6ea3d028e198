import type { Feature } from '../../platform/context.ts';
import { registerOutreachPages } from './outreach.pages.tsx';
import { registerRequestRoutes } from './requests.routes.ts';
import { registerVisitRoutes } from './visits.routes.ts';

/** Outreach (찾아가는 일자리 발굴단): visits, hiring agreements, departments, admin support requests. */
export const outreachFeature: Feature = {
  name: 'outreach',
  routes(app, ctx) {
    registerVisitRoutes(app, ctx);
    registerRequestRoutes(app, ctx);
    registerOutreachPages(app, ctx);
  },
};
