import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Csrf } from '../../web/forms.tsx';
import { StackTable } from '../../web/lists.tsx';
import type { roster } from './attendance.service.ts';
import type { cohortEmployments } from './cohort.service.ts';
import type { ProgrammeOutcome } from './programmes.report.service.ts';
import type { ProgrammeView } from './programmes.service.ts';

// Sections of the staff desk page of a programme (cohort): its places with the capacity and
// hold window staff change, the waiting list in its order (places offered with their hold),
// the roster (each live enrolment cancellable by staff: the freed place goes to the next
// person waiting), and who of the completers found work.

defineMessages({
  'pgd.places': ['정원과 대기', 'Places and waiting list'],
  'pgd.placesLine': [
    '정원 {cap}명 · 참가 확정 {registered}명 · 확정 대기 {offered}명 · 대기 {waiting}명 · 대기자 확정 기한 {hold}',
    'Capacity {cap} · {registered} registered · {offered} offered · {waiting} waiting · hold {hold}',
  ],
  'pgd.holdNone': ['없음(바로 확정)', 'none (confirmed at once)'],
  'pgd.holdHours': ['{h}시간', '{h} h'],
  'pgd.capacity': ['정원', 'Capacity'],
  'pgd.holdField': ['대기자 확정 기한(시간, 0 = 바로 확정)', 'Hold (hours, 0 = confirmed at once)'],
  'pgd.savePlaces': ['정원 저장', 'Save places'],
  'pgd.placesSaved': [
    '정원을 {cap}명으로 저장했습니다. 대기자 {n}명이 순서대로 올라갔습니다.',
    'Capacity saved as {cap}; {n} moved up from the waiting list in order.',
  ],
  'pgd.waiting': ['대기자 명단(순서대로)', 'Waiting list (in order)'],
  'pgd.noWaiting': ['대기자가 없습니다.', 'Nobody is waiting.'],
  'pgd.col.position': ['순번', 'No.'],
  'pgd.col.since': ['신청 시각', 'Signed up'],
  'pgd.offeredUntil': ['자리 제안 · {until}까지 확정', 'Offered · confirm by {until}'],
  'pgd.employedTitle': ['수료 후 6개월 내 취업자', 'Completers employed within 6 months'],
  'pgd.employedWindow': [
    '수료 {completed}명 중 {n}명 취업(집계 기간: 첫 회차부터 {until}까지, 일자리 정보는 취업 기록에서 가져옵니다).',
    '{n} of {completed} completers employed (from the first session to {until}; jobs from the employment records).',
  ],
  'pgd.noEmployed': ['아직 수료 후 취업 기록이 없습니다.', 'No completer has an employment recorded yet.'],
  'pgd.col.employer': ['취업처', 'Employer'],
  'pgd.col.startDate': ['입사일', 'Start date'],
  'pgd.col.route': ['취업 경로', 'Route'],
  'pgd.col.cancel': ['신청 취소', 'Cancel'],
  'pgd.cancel': ['취소', 'Cancel'],
  'pgd.cancelOf': ['{name} 신청 취소', 'Cancel the enrolment of {name}'],
});

type Roster = Awaited<ReturnType<typeof roster>>;

export function PlacesSection(props: {
  L: Lang;
  p: ProgrammeView;
  summary: ProgrammeOutcome;
  csrf: string | null | undefined;
}) {
  const { L, p, summary } = props;
  return (
    <section aria-labelledby="places-h">
      <h2 id="places-h">{t(L, 'pgd.places')}</h2>
      <p id="places">
        {t(L, 'pgd.placesLine', {
          cap: p.capacity,
          registered: summary.enrolled,
          offered: summary.offered,
          waiting: summary.waitlisted,
          hold: p.holdHours ? t(L, 'pgd.holdHours', { h: p.holdHours }) : t(L, 'pgd.holdNone'),
        })}
      </p>
      <form method="post" action={`/staff/programmes/${p.id}/places`} class="inline" id="places-form">
        <Csrf token={props.csrf} />
        <label for="f-capacity">{t(L, 'pgd.capacity')}</label>{' '}
        <input
          id="f-capacity"
          name="capacity"
          type="number"
          min="1"
          max="10000"
          inputMode="numeric"
          value={String(p.capacity)}
          required
        />{' '}
        <label for="f-holdHours">{t(L, 'pgd.holdField')}</label>{' '}
        <input
          id="f-holdHours"
          name="holdHours"
          type="number"
          min="0"
          max="168"
          inputMode="numeric"
          value={String(p.holdHours)}
        />{' '}
        <button type="submit" class="secondary">
          {t(L, 'pgd.savePlaces')}
        </button>
      </form>
    </section>
  );
}

export function WaitingSection({ L, list }: { L: Lang; list: Roster }) {
  const waiting = list.items.filter((e) => e.status === 'offered' || e.status === 'waitlisted');
  return (
    <section aria-labelledby="waiting-h">
      <h2 id="waiting-h">{t(L, 'pgd.waiting')}</h2>
      {waiting.length === 0 ? (
        <p class="muted">{t(L, 'pgd.noWaiting')}</p>
      ) : (
        <StackTable
          lang={L}
          columns={['pgd.col.position', 'pgd.col.name', 'pgd.col.status', 'pgd.col.since']}
        >
          {waiting.map((e) => (
            <tr key={e.id}>
              <td data-label={t(L, 'pgd.col.position')}>{e.waitingPosition ?? '–'}</td>
              <td data-label={t(L, 'pgd.col.name')}>{e.seekerName ?? e.registrationNo}</td>
              <td data-label={t(L, 'pgd.col.status')}>
                {e.status === 'offered' && e.holdUntil
                  ? t(L, 'pgd.offeredUntil', { until: koDate(e.holdUntil, L, true) })
                  : e.statusName}
              </td>
              <td data-label={t(L, 'pgd.col.since')}>{koDate(e.createdAt, L, true)}</td>
            </tr>
          ))}
        </StackTable>
      )}
    </section>
  );
}

export function EmployedSection(props: {
  L: Lang;
  data: Awaited<ReturnType<typeof cohortEmployments>>;
  completed: number;
}) {
  const { L, data } = props;
  return (
    <section aria-labelledby="employed-h">
      <h2 id="employed-h">{t(L, 'pgd.employedTitle')}</h2>
      <p id="employed-summary">
        {t(L, 'pgd.employedWindow', {
          n: data.items.length,
          completed: props.completed,
          until: koDate(data.windowUntil, L),
        })}
      </p>
      {data.items.length === 0 ? (
        <p class="muted">{t(L, 'pgd.noEmployed')}</p>
      ) : (
        <StackTable
          lang={L}
          columns={['pgd.col.name', 'pgd.col.employer', 'pgd.col.startDate', 'pgd.col.route']}
        >
          {data.items.map((e) => (
            <tr key={e.seekerId}>
              <td data-label={t(L, 'pgd.col.name')}>
                <a href={`/staff/seekers/${e.seekerId}`}>{e.name}</a>
              </td>
              <td data-label={t(L, 'pgd.col.employer')}>{e.employerName}</td>
              <td data-label={t(L, 'pgd.col.startDate')}>{koDate(e.startDate, L)}</td>
              <td data-label={t(L, 'pgd.col.route')}>{t(L, `employment.route.${e.route}`)}</td>
            </tr>
          ))}
        </StackTable>
      )}
    </section>
  );
}

/**
 * The roster: every live enrolment with its status, attendance, completion and survey, and a
 * button that cancels it (the freed place goes to the next person waiting).
 */
export function RosterSection(props: {
  L: Lang;
  list: Roster;
  programmeId: string;
  csrf: string | null | undefined;
}) {
  const { L, list } = props;
  return (
    <section aria-labelledby="roster-h">
      <h2 id="roster-h">{t(L, 'pgd.roster')}</h2>
      <StackTable
        lang={L}
        columns={[
          'pgd.col.name',
          'pgd.col.status',
          'pgd.col.attended',
          'pgd.done',
          'pgd.col.survey',
          'pgd.col.cancel',
        ]}
      >
        {list.items.map((e) => {
          const name = e.seekerName ?? e.registrationNo ?? '';
          return (
            <tr key={e.id}>
              <td data-label={t(L, 'pgd.col.name')}>{name}</td>
              <td data-label={t(L, 'pgd.col.status')}>
                {e.statusName}
                {e.waitingPosition ? ` ${e.waitingPosition}` : ''}
              </td>
              <td data-label={t(L, 'pgd.col.attended')}>
                {e.attended}/{list.sessions.length} ({e.excused})
              </td>
              <td data-label={t(L, 'pgd.done')}>{e.completed ? t(L, 'pgd.done') : '–'}</td>
              <td data-label={t(L, 'pgd.col.survey')}>{e.surveyAnswered ? t(L, 'pgd.answered') : '–'}</td>
              <td data-label={t(L, 'pgd.col.cancel')}>
                <form
                  method="post"
                  action={`/staff/programmes/${props.programmeId}/enrolments/${e.id}/cancel`}
                  class="inline"
                >
                  <Csrf token={props.csrf} />
                  <button type="submit" class="secondary" aria-label={t(L, 'pgd.cancelOf', { name })}>
                    {t(L, 'pgd.cancel')}
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </StackTable>
    </section>
  );
}
