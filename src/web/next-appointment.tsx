import type { FastifyRequest } from 'fastify';
import type { Appointment } from '../features/appointments/appointments.service.ts';
import { t } from '../platform/i18n/i18n.ts';
import { seoul } from './page.tsx';

/**
 * The seeker's coming appointments on the staff seeker page, with a link to book one (the
 * appointments feature's form, /staff/calendar/new).
 */
export function NextAppointments({
  req,
  seekerId,
  items,
  canBook,
}: {
  req: FastifyRequest;
  seekerId: string;
  items: Appointment[];
  canBook: boolean;
}) {
  const L = req.lang;
  return (
    <section aria-labelledby="next-appt-h" id="appointments">
      <h2 id="next-appt-h">{t(L, 'pa.next')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t(L, 'pa.noNext')}</p>
      ) : (
        <ul>
          {items.map((a) => (
            <li key={a.id}>
              <strong>{seoul(a.startsAt)}</strong>–{seoul(a.endsAt).slice(11)} ·{' '}
              {t(L, `appointment.channel.${a.channel}`)}
              {a.place ? ` · ${a.place}` : ''}
            </li>
          ))}
        </ul>
      )}
      {canBook ? (
        <p>
          <a
            class="button secondary"
            href={`/staff/calendar/new?seekerId=${seekerId}&back=${encodeURIComponent(`/staff/seekers/${seekerId}`)}`}
          >
            {t(L, 'pa.bookFor')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
