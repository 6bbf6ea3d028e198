import { codesFeature } from '../codes/codes.routes.ts';
import type { Feature } from '../platform/context.ts';
import { webFeature } from '../web/web.feature.ts';
import { accountsFeature } from './accounts/accounts.routes.ts';
import { appointmentsFeature } from './appointments/appointments.routes.ts';
import { bookingsFeature } from './bookings/bookings.routes.ts';
import { calendarFeature } from './calendar/calendar.routes.ts';
import { counsellingFeature } from './counselling/counselling.routes.ts';
import { desksFeature } from './desks/desks.routes.ts';
import { employersFeature } from './employers/employers.routes.ts';
import { employmentsFeature } from './employments/employments.routes.ts';
import { eventsFeature } from './events/events.routes.ts';
import { importsFeature } from './imports/imports.routes.ts';
import { matchingFeature } from './matching/matching.routes.ts';
import { notificationsFeature } from './notifications/notifications.routes.ts';
import { outreachFeature } from './outreach/outreach.routes.ts';
import { partnersFeature } from './partners/partners.routes.ts';
import { postingsFeature } from './postings/postings.routes.ts';
import { privacyFeature } from './privacy/privacy.routes.ts';
import { programmesFeature } from './programmes/programmes.routes.ts';
import { publicJobsFeature } from './publicjobs/publicjobs.routes.ts';
import { referralsFeature } from './referrals/referrals.routes.ts';
import { reportsFeature } from './reports/reports.routes.ts';
import { retentionFeature } from './retention/retention.feature.ts';
import { seekersFeature } from './seekers/seekers.routes.ts';
import { webhooksFeature } from './webhooks/webhooks.routes.ts';

/** Every feature of the app, in registration order (accounts first: it installs the auth hooks). */
export const features: Feature[] = [
  accountsFeature,
  codesFeature,
  calendarFeature,
  seekersFeature,
  privacyFeature,
  employersFeature,
  postingsFeature,
  importsFeature,
  counsellingFeature,
  appointmentsFeature,
  webFeature,
  matchingFeature,
  referralsFeature,
  employmentsFeature,
  reportsFeature,
  retentionFeature,
  partnersFeature,
  notificationsFeature,
  bookingsFeature,
  webhooksFeature,
  eventsFeature,
  outreachFeature,
  publicJobsFeature,
  programmesFeature,
  desksFeature,
];
