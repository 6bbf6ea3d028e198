import { sql } from 'kysely';
import { enrolmentOutcomeRows, programmeReportRows } from '../../programmes/programmes.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, type KpiFilter, seekerDims, seekerSide } from './types.ts';

// Programmes (취업특강·교육·집단상담·기관 프로그램, issue 18): participants and completions of
// programmes whose last session falls in the period (API.md KPI definitions), and of those who
// completed, the ones employed within six months. The centre is the programme's centre; the
// completion rule and the six months are the programmes feature's (programmes.report.service.ts).

const endedIn = (f: KpiFilter) =>
  sql`FROM ${enrolmentOutcomeRows(f.today)} o JOIN ${seekerReportRows()} s ON s.id = o.seeker_id
    WHERE ${centreCond('o', f)} AND o.last_day BETWEEN ${f.from}::date AND ${f.to}::date AND ${seekerDims('s', f)}`;

const centreNote = {
  ko: '센터는 프로그램을 연 센터입니다. 기간은 프로그램의 마지막 회차 날짜(한국 시간)로 정합니다. 취소·대기 신청은 세지 않습니다.',
  en: 'The centre is the one running the programme; the period is matched by the day of its last session (Asia/Seoul). Cancelled and waiting enrolments do not count.',
};

/** 프로그램 참여자 — confirmed enrolments of programmes ending in the period. */
export const programmeParticipants = defineKpi({
  id: 'programmeParticipants',
  name: { ko: '프로그램 참여자', en: 'Programme participants' },
  unit: 'persons',
  definition: {
    ko: '마지막 회차가 기간에 속하는 프로그램에 참가 확정된 신청 수(등록 구직자).',
    en: 'Confirmed enrolments (registered seekers) in programmes whose last session falls in [from, to].',
  },
  counts: {
    ko: 'programme_enrolments(status registered) + programmes(last_ends_at, centre_id).',
    en: 'programme_enrolments (status registered) with programmes (last_ends_at, centre_id).',
  },
  edgeCases: [
    centreNote,
    {
      ko: '같은 사람이 여러 프로그램에 참여하면 프로그램마다 셉니다. 구직 등록하지 않은 기관 프로그램 참여자는 따로 셉니다(기관 프로그램 외부 참여자).',
      en: 'A person in several programmes counts once per programme; participants of institution programmes who are not registered seekers are counted separately.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${endedIn(f)}`),
});

/** 프로그램 수료자 — of those, completed by the programme's attendance rule. */
export const programmeCompletions = defineKpi({
  id: 'programmeCompletions',
  name: { ko: '프로그램 수료자', en: 'Programme completions' },
  unit: 'persons',
  definition: {
    ko: '프로그램 참여자 중 출석 기준(출석·지각 회차가 전체 회차에서 사유 결석을 뺀 회차의 기준 비율 이상, 기본 80%)을 충족한 사람 수.',
    en: 'Of programme participants, those who met the attendance rule (present or late in at least the programme’s percentage, 80 % by default, of its sessions less the excused ones).',
  },
  counts: {
    ko: 'programme_attendance(present, late, excused, absent) + programmes.completion_min_pct.',
    en: 'programme_attendance (present, late, excused, absent) with programmes.completion_min_pct.',
  },
  edgeCases: [
    centreNote,
    {
      ko: '출석을 입력하지 않은 회차는 결석으로 봅니다. 사유 결석은 분모에서 빠집니다. 한 회차도 출석하지 않으면 수료가 아닙니다.',
      en: 'An unmarked session counts as missed; excused ones leave the base; nobody completes without attending a session.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${endedIn(f)} AND o.completed`),
});

/** 수료 후 6개월 내 취업 — the figure a 취업성공 사관학교 is judged by. */
export const programmeEmployed6m = defineKpi({
  id: 'programmeEmployed6m',
  name: { ko: '수료 후 6개월 내 취업', en: 'Employed within 6 months of completion' },
  unit: 'persons',
  definition: {
    ko: '프로그램 수료자 중 첫 회차 날부터 마지막 회차 날 6개월 뒤(오늘까지) 사이에 시작한 취업 기록이 있는 사람 수.',
    en: 'Of programme completions, those with an employment starting between the first session’s day and six months after the last session’s day (up to today).',
  },
  counts: {
    ko: 'employments(start_date; 다른 기록의 중복 제외), employments 기능의 employedWithin.',
    en: 'employments (start_date; repeats of another record excluded), through the employments feature’s employedWithin.',
  },
  edgeCases: [
    centreNote,
    {
      ko: '프로그램 시작 전에 시작한 취업은 세지 않습니다. 6개월이 지나지 않은 기수는 오늘까지의 취업만 셉니다.',
      en: 'Employment that began before the programme does not count; for a cohort still inside its six months, employment up to today counts.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${endedIn(f)} AND o.employed6m`),
});

/** 기관 프로그램 외부 참여자 — participants counted, not registered (학교·부대 등). */
export const programmeExternalParticipants = defineKpi({
  id: 'programmeExternalParticipants',
  name: { ko: '기관 프로그램 외부 참여자', en: 'Institution programme participants (not registered)' },
  unit: 'persons',
  definition: {
    ko: '마지막 회차가 기간에 속하는 프로그램에서 구직 등록 없이 인원으로만 센 참여자 수(학교·군부대 등 기관 요청 프로그램).',
    en: 'Participants counted but not registered as seekers (programmes run for a school, an army unit, …) in programmes whose last session falls in [from, to].',
  },
  counts: {
    ko: 'programmes.external_participants(직원이 입력한 인원).',
    en: 'programmes.external_participants (the headcount staff entered).',
  },
  edgeCases: [
    centreNote,
    {
      ko: '개인 정보가 없으므로 대상·직종·지역 필터는 적용하지 않습니다.',
      en: 'They carry no personal data, so target-group, occupation and region filters do not apply.',
    },
  ],
  dimensions: { targetGroup: 'none', occupation: 'none', region: 'none' },
  live: (db, f) =>
    count(
      db,
      sql`SELECT coalesce(sum(p.external_participants), 0) AS n FROM ${programmeReportRows()} p
        WHERE ${centreCond('p', f)} AND p.last_day BETWEEN ${f.from}::date AND ${f.to}::date`,
    ),
});
