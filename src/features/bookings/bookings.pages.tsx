import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';

/** Pages of bookings: public /bookings, /staff/bookings, the suit desk (added below). */
export function registerBookingPages(_app: Server, _ctx: AppContext) {}
