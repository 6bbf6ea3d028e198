import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { StackTable } from '../../web/lists.tsx';
import { seoul } from '../../web/page.tsx';
import type { BookingFigures } from '../bookings/bookings.report.service.ts';
import type { EventReportRow } from '../events/events.service.ts';
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

/** The five event KPIs of API.md, in the order the section shows them. */
export const EVENT_KPI_IDS = [
  'eventEmployers',
  'eventSeekers',
  'eventInterviews',
  'eventPassedFirst',
  'eventHires',
] as const;
const EVENT_COLS = ['ef.employers', 'ef.seekers', 'ef.interviews', 'ef.passedFirst', 'ef.hires'] as const;
type Five = Readonly<Record<string, unknown>>;

function FiveCells({ v, lang }: { v: [unknown, unknown, unknown, unknown, unknown]; lang: Lang }) {
  return (
    <>
      {EVENT_COLS.map((k, i) => (
        <td key={k} class="num" data-label={t(lang, k)}>
          {fmt(v[i])}
        </td>
      ))}
    </>
  );
}
const five = (f: Five) => EVENT_KPI_IDS.map((id) => f[id]) as [unknown, unknown, unknown, unknown, unknown];
const ofRow = (r: EventReportRow) =>
  [r.employers, r.seekers, r.interviews, r.passedFirst, r.hired] as [number, number, number, number, number];

/**
 * Hiring events in one place (issue 17): companies, seekers, interviews, first-round passes and
 * hires for the period (the KPI framework's figures, so the report's filters apply), the same
 * period a year before, the year to the period's end, then per kind and per event.
 */
export function EventsSection(p: {
  lang: Lang;
  period: Five;
  previous: Five;
  year: Five;
  yearFrom: string;
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  byKind: EventReportRow[];
  byEvent: EventReportRow[];
  filtered: boolean;
}) {
  const { lang } = p;
  const head = (first: string[]) => (
    <thead>
      <tr>
        {first.map((h) => (
          <th key={h} scope="col">
            {h}
          </th>
        ))}
        {EVENT_COLS.map((k, i) => (
          <th key={k} scope="col" class="num">
            <a href={`#def-${EVENT_KPI_IDS[i]}`}>{t(lang, k)}</a>
          </th>
        ))}
      </tr>
    </thead>
  );
  const periods = [
    [t(lang, 'ef.period', { from: p.from, to: p.to }), p.period],
    [t(lang, 'ef.previous', { from: p.prevFrom, to: p.prevTo }), p.previous],
    [t(lang, 'ef.year', { from: p.yearFrom, to: p.to }), p.year],
  ] as const;
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">{t(lang, 'ef.title')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t(lang, 'ef.totals')}</caption>
          {head([t(lang, 'ef.when')])}
          <tbody>
            {periods.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <FiveCells v={five(f)} lang={lang} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.byKind.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t(lang, 'ef.byKind')}</caption>
            {head([t(lang, 'ef.kind'), t(lang, 'ef.events')])}
            <tbody>
              {p.byKind.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.kindName}</th>
                  <td class="num">{fmt(r.events)}</td>
                  <FiveCells v={ofRow(r)} lang={lang} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {p.byEvent.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t(lang, 'ef.byEvent', { n: p.byEvent.length })}</caption>
            {head([t(lang, 'ef.event'), t(lang, 'ef.day')])}
            <tbody>
              {p.byEvent.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    <a href={`/staff/events/${r.key}`}>{r.title}</a> <span class="tag">{r.kindName}</span>
                  </th>
                  <td>{r.startsAt ? seoul(r.startsAt, false) : ''}</td>
                  <FiveCells v={ofRow(r)} lang={lang} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t(lang, 'ef.none')}</p>
      )}
      <p class="muted">{t(lang, 'ef.note')}</p>
      {p.filtered ? <p class="muted">{t(lang, 'ef.filtered')}</p> : null}
    </section>
  );
}
