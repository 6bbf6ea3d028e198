import { type RawBuilder, sql } from 'kysely';
import {
  eventEmployerReportRows,
  eventInterviewReportRows,
  eventSeekerReportRows,
  FIRST_ROUND_PASSED,
  INTERVIEW_HELD,
} from '../../events/events.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, type KpiFilter, seekerDims, seekerSide, seoulDays } from './types.ts';

// Hiring events (채용박람회, 화상면접의 날, 금요채용마당, 상설채용관; issue 17): over events held in
// [from, to] — companies taking part, seekers, interviews, first-round passes and hires (API.md
// KPI definitions), the same counts as an event's own summary.

const heldNote = {
  ko: '행사 시작일(한국 시간)이 기간에 속하는 채용행사를 셉니다(취소된 행사는 빼고). 센터는 행사를 연 센터입니다.',
  en: 'Events whose start (Asia/Seoul day) falls in the period, cancelled ones left out; the centre is the one holding the event.',
};

/** Interview bookings of events held in the period, with the seeker's filters; `results` narrows. */
export function eventInterviewsIn(f: KpiFilter, results?: readonly string[]): RawBuilder<unknown> {
  return sql`FROM ${eventInterviewReportRows()} i JOIN ${seekerReportRows()} s ON s.id = i.seeker_id
    WHERE ${centreCond('i', f)} AND ${seoulDays('i.starts_at', f)} AND ${seekerDims('s', f)}
    ${results ? sql`AND i.result = ANY(${[...results]}::text[])` : sql``}`;
}

/** Seekers taking part in events held in the period, once per event, with the seeker's filters. */
export function eventSeekersIn(f: KpiFilter): RawBuilder<unknown> {
  return sql`FROM ${eventSeekerReportRows()} p JOIN ${seekerReportRows()} s ON s.id = p.seeker_id
    WHERE ${centreCond('p', f)} AND ${seoulDays('p.starts_at', f)} AND ${seekerDims('s', f)}`;
}

/** 채용행사 참가 기업 — approved employers of events held in the period. */
export const eventEmployers = defineKpi({
  id: 'eventEmployers',
  name: { ko: '채용행사 참가 기업', en: 'Hiring event employers' },
  unit: 'employers',
  definition: {
    ko: '기간에 열린 채용행사에 참가 승인된 기업 수(행사마다 셉니다).',
    en: 'Employers approved to take part in hiring events held in [from, to], counted per event.',
  },
  counts: {
    ko: 'event_employers(status approved) + hiring_events(starts_at, centre_id).',
    en: 'event_employers (status approved) with hiring_events (starts_at, centre_id).',
  },
  edgeCases: [
    heldNote,
    {
      ko: '같은 기업이 여러 행사에 참가하면 행사마다 셉니다. 참가 신청만 하고 승인되지 않은 기업은 세지 않습니다. 대상·직종·지역 필터는 적용되지 않습니다.',
      en: 'An employer at several events counts once per event; applications not approved do not count. Target-group, occupation and region filters do not apply.',
    },
  ],
  dimensions: { targetGroup: 'none', occupation: 'none', region: 'none' },
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${eventEmployerReportRows()} x
        WHERE ${centreCond('x', f)} AND ${seoulDays('x.starts_at', f)}`,
    ),
});

/** 채용행사 참가 구직자 — seekers registered or booked, once per event. */
export const eventSeekers = defineKpi({
  id: 'eventSeekers',
  name: { ko: '채용행사 참가 구직자', en: 'Hiring event seekers' },
  unit: 'persons',
  definition: {
    ko: '기간에 열린 채용행사에 참가 신청(대기 포함)했거나 면접을 예약한 구직자 수(행사마다 한 번).',
    en: 'Seekers who registered (waiting list included) or booked an interview at hiring events held in [from, to], once per event.',
  },
  counts: {
    ko: 'event_registrations, interview_bookings(취소 제외) + hiring_events(starts_at, centre_id).',
    en: 'event_registrations and interview_bookings (not cancelled) with hiring_events (starts_at, centre_id).',
  },
  edgeCases: [
    heldNote,
    {
      ko: '한 행사에서 참가 신청과 면접 예약을 함께 한 사람은 한 번 셉니다. 여러 행사에 참가하면 행사마다 셉니다.',
      en: 'A seeker both registered and booked at one event counts once; at several events, once per event.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${eventSeekersIn(f)}`),
});

/** 채용행사 면접 — interviews held (a result other than no-show). */
export const eventInterviews = defineKpi({
  id: 'eventInterviews',
  name: { ko: '채용행사 면접', en: 'Hiring event interviews' },
  unit: 'records',
  definition: {
    ko: '기간에 열린 채용행사의 1:1 면접 가운데 면접 완료·1차 합격·채용·불합격으로 결과가 입력된 면접 수.',
    en: 'One-to-one interviews at hiring events held in [from, to] with a result of interviewed, passed the first round, hired or rejected.',
  },
  counts: {
    ko: 'interview_bookings(result interviewed, passed_first, hired, rejected; 취소 제외).',
    en: 'interview_bookings with result interviewed, passed_first, hired or rejected (not cancelled).',
  },
  edgeCases: [
    heldNote,
    {
      ko: '불참(노쇼)과 결과를 아직 입력하지 않은 예약은 세지 않습니다.',
      en: 'No-shows and bookings without a result yet do not count.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${eventInterviewsIn(f, INTERVIEW_HELD)}`),
});

/** 채용행사 1차 합격 — first-round passes (passed_first or hired). */
export const eventPassedFirst = defineKpi({
  id: 'eventPassedFirst',
  name: { ko: '채용행사 1차 합격', en: 'Hiring event first-round passes' },
  unit: 'records',
  definition: {
    ko: '기간에 열린 채용행사의 면접 가운데 1차 합격 또는 채용으로 결과가 입력된 면접 수.',
    en: 'Interviews at hiring events held in [from, to] with a result of passed the first round or hired.',
  },
  counts: {
    ko: 'interview_bookings(result passed_first, hired).',
    en: 'interview_bookings with result passed_first or hired.',
  },
  edgeCases: [heldNote, { ko: '채용된 면접은 1차 합격에도 셉니다.', en: 'A hire also counts as a pass.' }],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${eventInterviewsIn(f, FIRST_ROUND_PASSED)}`),
});

/** 채용행사 채용 — interviews ending in a hire (each records an employment with route event). */
export const eventHires = defineKpi({
  id: 'eventHires',
  name: { ko: '채용행사 채용', en: 'Hiring event hires' },
  unit: 'records',
  definition: {
    ko: '기간에 열린 채용행사의 면접 가운데 채용으로 결과가 입력된 면접 수(취업 경로 "채용행사"의 취업 기록이 함께 만들어집니다).',
    en: 'Interviews at hiring events held in [from, to] with the result hired (each records an employment with route event).',
  },
  counts: { ko: 'interview_bookings(result hired).', en: 'interview_bookings with result hired.' },
  edgeCases: [
    heldNote,
    {
      ko: '행사일로 셉니다. 취업 기록의 입사일로 세는 취업자 수(hires)와 기간이 다를 수 있습니다.',
      en: 'Counted by the event day; the hires KPI counts employments by their start date, so the periods can differ.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${eventInterviewsIn(f, ['hired'])}`),
});
