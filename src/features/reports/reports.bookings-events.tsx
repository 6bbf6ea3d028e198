import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { StackTable } from '../../web/lists.tsx';
import type { BookingFigures } from '../bookings/bookings.report.service.ts';
import type { EventKpis } from '../events/events.service.ts';
import { fmt } from './reports.format.ts';

/** Bookings held, check-ins, no-shows and the use of opening hours by kind; suit rentals (issue 19). */
export function BookingsSection({ f, lang }: { f: BookingFigures; lang: Lang }) {
  const pctText = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`);
  return (
    <section aria-labelledby="bookings-h">
      <h2 id="bookings-h">{t(lang, 'bf.title')}</h2>
      {f.kinds.length === 0 ? <p class="muted">{t(lang, 'bf.none')}</p> : null}
      {f.kinds.length ? (
        <StackTable
          lang={lang}
          columns={[
            'bf.kind',
            'bf.bookings',
            'bf.checkedIn',
            'bf.noShows',
            'bf.noShowRate',
            'bf.utilisation',
            'bf.cancelled',
          ]}
        >
          {f.kinds.map((k) => (
            <tr key={k.kind}>
              <td data-label={t(lang, 'bf.kind')}>{k.kindName}</td>
              <td data-label={t(lang, 'bf.bookings')}>{fmt(k.bookings)}</td>
              <td data-label={t(lang, 'bf.checkedIn')}>{fmt(k.checkedIn)}</td>
              <td data-label={t(lang, 'bf.noShows')}>{fmt(k.noShows)}</td>
              <td data-label={t(lang, 'bf.noShowRate')}>{pctText(k.noShowRatePct)}</td>
              <td data-label={t(lang, 'bf.utilisation')}>{pctText(k.utilisationPct)}</td>
              <td data-label={t(lang, 'bf.cancelled')}>{fmt(k.cancelled)}</td>
            </tr>
          ))}
        </StackTable>
      ) : null}
      <p>
        {t(lang, 'bf.suits', {
          rentals: f.suitRentals,
          items: f.suitItemsLent,
          overdue: f.suitRentalsOverdue,
        })}
      </p>
    </section>
  );
}

/** The event KPIs of API.md over events starting in the period (issue 17). */
export function EventsSection({ f, lang }: { f: EventKpis; lang: Lang }) {
  const cols = [
    ['ef.employers', f.eventEmployers],
    ['ef.seekers', f.eventSeekers],
    ['ef.interviews', f.eventInterviews],
    ['ef.passedFirst', f.eventPassedFirst],
    ['ef.hires', f.eventHires],
  ] as const;
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">{t(lang, 'ef.title')}</h2>
      <StackTable lang={lang} columns={cols.map(([k]) => k)}>
        <tr>
          {cols.map(([k, v]) => (
            <td key={k} data-label={t(lang, k)}>
              {fmt(v)}
            </td>
          ))}
        </tr>
      </StackTable>
      <p class="muted">{t(lang, 'ef.note')}</p>
    </section>
  );
}
