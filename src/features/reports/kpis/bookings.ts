import { sql } from 'kysely';
import {
  bookingFigures,
  bookingReportRows,
  suitRentalReportRows,
} from '../../bookings/bookings.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, seekerDims, seoulDays } from './types.ts';

// Field services booked at the centre (issue 19): AI 면접 체험관, 화상면접실, 증명사진, 노무사 상담,
// 회의실, 면접정장 — bookings held, no-show rate, use of opening hours, and suit rentals. The
// figures by service kind stay on the report page's bookings section (bookingFigures).

const seekerFilters = {
  ko: '대상·직종·지역 필터를 지정하면 구직자의 예약만 그 구직자의 조건으로 셉니다(기업 예약은 빠집니다).',
  en: 'With a target-group, occupation or region filter, only seekers’ bookings count, by the seeker’s own codes (employer bookings are left out).',
};

const bookingsIn = (f: Parameters<typeof seekerDims>[1]) =>
  sql`FROM ${bookingReportRows()} b LEFT JOIN ${seekerReportRows()} s ON s.id = b.seeker_id
    WHERE ${centreCond('b', f)} AND ${seoulDays('b.starts_at', f)} AND ${seekerDims('s', f)}`;

/** 예약 — bookings held (not cancelled) for a time in the period. */
export const bookings = defineKpi({
  id: 'bookings',
  name: { ko: '시설·서비스 예약', en: 'Bookings held' },
  unit: 'records',
  definition: {
    ko: '기간 중의 시간에 잡힌 예약(AI 면접 체험, 화상면접실, 증명사진, 노무사 상담, 회의실, 정장 피팅) 가운데 취소되지 않은 예약의 수. 방문·노쇼·승인 대기를 포함합니다.',
    en: 'Bookings for a time in [from, to] (AI interview booth, video room, photo studio, attorney, meeting room, suit fitting) that were not cancelled: checked in, no-shows and requests awaiting approval included.',
  },
  counts: {
    ko: 'bookings 행(예약 시각 starts_at, Asia/Seoul 날짜). 센터는 자원이 속한 센터.',
    en: 'bookings rows by their start (starts_at, Asia/Seoul day); centre = the resource’s centre.',
  },
  edgeCases: [
    {
      ko: '예약한 날이 아니라 예약된 시간의 날짜로 셉니다. 휴무·공휴일 지정으로 취소된 예약은 세지 않습니다.',
      en: 'Counted by the booked time’s day, not the day it was made; bookings cancelled by a later closure or holiday do not count.',
    },
    seekerFilters,
  ],
  dimensions: { targetGroup: 'seeker', occupation: 'seeker', region: 'seeker' },
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${bookingsIn(f)} AND b.status <> 'cancelled'`),
});

/** 예약 노쇼율 — no-shows of the bookings whose outcome was recorded. */
export const bookingNoShowRate = defineKpi({
  id: 'bookingNoShowRate',
  name: { ko: '예약 노쇼율', en: 'Booking no-show rate' },
  unit: 'percent',
  definition: {
    ko: '기간 중 예약 가운데 방문 확인 또는 노쇼로 처리된 건을 분모로, 노쇼의 비율(소수 첫째 자리).',
    en: 'Of the bookings in [from, to] recorded as checked in or no-show, the share of no-shows, one decimal.',
  },
  counts: {
    ko: 'bookings 행(status checked_in, no_show). 센터는 자원이 속한 센터.',
    en: 'bookings rows with status checked_in or no_show; centre = the resource’s centre.',
  },
  edgeCases: [
    {
      ko: '아직 처리하지 않은 예약(확정·승인 대기)은 분모에서 빠집니다. 처리된 예약이 없으면 값을 내지 않습니다("—"). 노쇼가 잦은 구직자는 직원에게 표시될 뿐 예약이 막히지 않습니다.',
      en: 'Bookings not yet marked (confirmed, requested) are left out; with none marked there is no value ("—"). Seekers with repeated no-shows are shown to staff, never blocked.',
    },
    seekerFilters,
  ],
  dimensions: { targetGroup: 'seeker', occupation: 'seeker', region: 'seeker' },
  live: async (db, f) => {
    const r = await sql<{ marked: string; missed: string }>`
      SELECT count(*) FILTER (WHERE b.status IN ('checked_in', 'no_show')) AS marked,
             count(*) FILTER (WHERE b.status = 'no_show') AS missed ${bookingsIn(f)}`.execute(db);
    const marked = Number(r.rows[0]?.marked ?? 0);
    return marked ? Math.round((Number(r.rows[0]?.missed ?? 0) * 1000) / marked) / 10 : null;
  },
});

/** 운영시간 이용률 — places booked of the places the opening hours offered. */
export const bookingUtilisation = defineKpi({
  id: 'bookingUtilisation',
  name: { ko: '예약 자원 이용률', en: 'Use of opening hours' },
  unit: 'percent',
  definition: {
    ko: '기간 중 운영 시간이 제공한 자리(예약 단위 × 정원, 공휴일·임시공휴일·센터 휴무일 제외) 가운데 취소되지 않은 예약이 차지한 비율(소수 첫째 자리).',
    en: 'Places booked (not cancelled) of the places the opening hours offered in [from, to] (slots × capacity, holidays, 임시공휴일 and closures left out), one decimal.',
  },
  counts: {
    ko: 'booking_resources(운영 시간, 예약 단위, 정원; 예약을 받는 자원) + bookings. 센터는 자원이 속한 센터.',
    en: 'booking_resources (opening hours, slot length, capacity; active ones) with bookings; centre = the resource’s centre.',
  },
  edgeCases: [
    {
      ko: '자원의 현재 운영 시간과 정원으로 계산합니다(과거에 바뀐 값은 남지 않습니다). 제공된 자리가 없으면 값을 내지 않습니다.',
      en: 'Computed from each resource’s current hours and capacity (earlier values are not kept); with no places offered there is no value.',
    },
    {
      ko: '대상·직종·지역 필터는 적용되지 않습니다(자리는 사람에 딸리지 않습니다).',
      en: 'Target-group, occupation and region filters do not apply (places belong to no one).',
    },
  ],
  dimensions: { targetGroup: 'none', occupation: 'none', region: 'none' },
  live: async (db, f) => (await bookingFigures({ db }, f)).utilisationPct,
});

/** 면접정장 대여 — suit rentals starting in the period. */
export const suitRentals = defineKpi({
  id: 'suitRentals',
  name: { ko: '면접정장 대여', en: 'Interview suit rentals' },
  unit: 'records',
  definition: {
    ko: '기간 중에 시작한 면접정장 대여(한 벌 단위: 재킷·바지·구두 등을 함께 빌리면 1건)의 수.',
    en: 'Interview suit rentals starting in [from, to]; a set lent together (jacket, trousers, shoes, …) is one.',
  },
  counts: {
    ko: 'suit_rentals 행(대여일 from_on). 센터는 대여한 센터.',
    en: 'suit_rentals rows by their start day (from_on); centre = the lending centre.',
  },
  edgeCases: [
    {
      ko: '반납 여부와 관계없이 셉니다. 연체는 정장 대여 창구에서 봅니다.',
      en: 'Counted whether returned or not; overdue rentals are listed at the suit desk.',
    },
  ],
  dimensions: { targetGroup: 'seeker', occupation: 'seeker', region: 'seeker' },
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${suitRentalReportRows()} r JOIN ${seekerReportRows()} s ON s.id = r.seeker_id
        WHERE ${centreCond('r', f)} AND r.from_on BETWEEN ${f.from}::date AND ${f.to}::date AND ${seekerDims('s', f)}`,
    ),
});
