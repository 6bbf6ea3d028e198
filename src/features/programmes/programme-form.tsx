import { listCodes } from '../../codes/codes.ts';
import type { Db } from '../../platform/db/pool.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  Check,
  CheckGroup,
  CheckLine,
  Field,
  type FieldErrors,
  fieldId,
  Input,
  list,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import {
  PROGRAMME_FORMATS,
  PROGRAMME_KINDS,
  type ProgrammeFormat,
  type ProgrammeKind,
} from './programmes.codes.ts';
import type { ProgrammeInput } from './programmes.service.ts';
import { weeklySessions } from './schedule.service.ts';

// The fields staff fill in to set up a programme (a cohort of a course, a lecture, group
// counselling) — on /staff/programmes/new and when accepting an institution's request — and
// how the posted form becomes a ProgrammeInput with its sessions from a weekly pattern.

defineMessages({
  'pgf.title': ['프로그램명', 'Title'],
  'pgf.kind': ['종류', 'Kind'],
  'pgf.cohort': ['기수(예: 12기)', 'Cohort (e.g. 12기)'],
  'pgf.format': ['진행 방식', 'Format'],
  'pgf.venue': ['장소(대면)', 'Venue (in person)'],
  'pgf.onlineUrl': ['접속 주소(온라인, https://)', 'Join link (online, https://)'],
  'pgf.capacity': ['정원', 'Capacity'],
  'pgf.waitlist': ['정원이 차면 대기 신청 받기', 'Keep a waiting list once full'],
  'pgf.holdHours': ['대기자 확정 기한(시간)', 'Hold for a place moved up (hours)'],
  'pgf.holdHint': [
    '자리가 나서 대기자에게 넘어가면 이 시간 안에 본인이 확정해야 합니다. 0이면 바로 확정됩니다.',
    'A person moved up from the waiting list must confirm within this time; 0 confirms at once.',
  ],
  'pgf.completion': ['수료 기준 출석률(%)', 'Attendance needed to complete (%)'],
  'pgf.completionHint': [
    '사유 결석(공결)은 계산에서 뺍니다. 지각은 출석으로 셉니다.',
    'Excused absences are left out; late counts as attended.',
  ],
  'pgf.targets': ['대상', 'Target groups'],
  'pgf.description': ['소개', 'Description'],
  'pgf.published': ['바로 공개(포털에서 신청 가능)', 'Publish now (open for sign-up)'],
  'pgf.schedule': ['일정', 'Schedule'],
  'pgf.firstDay': ['첫날', 'First day'],
  'pgf.lastDay': ['마지막 날', 'Last day'],
  'pgf.weekdays': ['진행 요일', 'Weekdays'],
  'pgf.startTime': ['시작 시각', 'Starts at'],
  'pgf.endTime': ['종료 시각', 'Ends at'],
  'pgf.scheduleHint': [
    '첫날부터 마지막 날까지 고른 요일마다 한 회차씩 만듭니다. 공휴일과 센터 휴무일은 빠집니다.',
    'One session on each chosen weekday from the first to the last day; holidays and closures are skipped.',
  ],
});

const WEEKDAYS: [number, string, string][] = [
  [1, '월', 'Mon'],
  [2, '화', 'Tue'],
  [3, '수', 'Wed'],
  [4, '목', 'Thu'],
  [5, '금', 'Fri'],
  [6, '토', 'Sat'],
  [7, '일', 'Sun'],
];

export const PROGRAMME_FIELDS = [
  'title',
  'kind',
  'cohort',
  'format',
  'venue',
  'onlineUrl',
  'capacity',
  'waitlist',
  'holdHours',
  'completionMinAttendancePct',
  'description',
  'published',
  'firstDay',
  'lastDay',
  'startTime',
  'endTime',
] as const;
export type ProgrammeValues = Record<(typeof PROGRAMME_FIELDS)[number], string> & {
  targetGroups: string[];
  weekdays: string[];
};

/** The values of a new programme's form before anything is typed. */
export function blankProgramme(o: Partial<ProgrammeValues> = {}): ProgrammeValues {
  return {
    title: '',
    kind: 'course',
    cohort: '',
    format: 'offline',
    venue: '',
    onlineUrl: '',
    capacity: '30',
    waitlist: '1',
    holdHours: '48',
    completionMinAttendancePct: '80',
    description: '',
    published: '',
    firstDay: '',
    lastDay: '',
    startTime: '10:00',
    endTime: '13:00',
    targetGroups: [],
    weekdays: ['1', '2', '3', '4', '5'],
    ...o,
  };
}

export function readProgrammeForm(body: Record<string, string | string[]>): ProgrammeValues {
  const v = blankProgramme();
  for (const k of PROGRAMME_FIELDS) v[k] = str(body, k);
  v.targetGroups = list(body, 'targetGroups');
  v.weekdays = list(body, 'weekdays');
  return v;
}

function int(problems: FieldProblem[], field: string, value: string, min: number, max: number) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) problems.push({ field, key: 'field.minimum', params: { limit: min } });
  else if (n > max) problems.push({ field, key: 'field.maximum', params: { limit: max } });
  return n;
}

/**
 * The posted form as a programme of `centreId` (null: none chosen, a problem naming `centreId`):
 * numbers checked (each problem names its field), sessions from the weekly pattern with the
 * closed days it skipped (the centre's closures, or the public holidays alone without one).
 */
export async function programmeFromForm(db: Db, centreId: string | null, v: ProgrammeValues) {
  const problems: FieldProblem[] = [];
  if (!centreId) problems.push({ field: 'centreId', key: 'programme.centreRequired' });
  if (!(v.kind in PROGRAMME_KINDS)) problems.push({ field: 'kind', key: 'field.required' });
  if (!(v.format in PROGRAMME_FORMATS)) problems.push({ field: 'format', key: 'field.required' });
  const capacity = int(problems, 'capacity', v.capacity, 1, 10000);
  const holdHours = int(problems, 'holdHours', v.holdHours || '0', 0, 168);
  const pct = int(problems, 'completionMinAttendancePct', v.completionMinAttendancePct, 0, 100);
  let schedule: Awaited<ReturnType<typeof weeklySessions>> | null = null;
  try {
    schedule = await weeklySessions(db, {
      centreId,
      firstDay: v.firstDay,
      lastDay: v.lastDay || v.firstDay,
      weekdays: v.weekdays.map(Number),
      startTime: v.startTime,
      endTime: v.endTime,
    });
  } catch (err) {
    const fields = (err as { fields?: FieldProblem[] }).fields;
    if (!fields) throw err;
    problems.push(...fields);
  }
  if (problems.length || !schedule) throw invalid(problems);
  const input: ProgrammeInput = {
    title: v.title,
    kind: v.kind as ProgrammeKind,
    cohort: v.cohort || null,
    format: v.format as ProgrammeFormat,
    venue: v.venue || null,
    onlineUrl: v.onlineUrl || null,
    capacity,
    waitlist: v.waitlist === '1',
    holdHours,
    completionMinAttendancePct: pct,
    targetGroups: v.targetGroups,
    description: v.description || null,
    published: v.published === '1',
    sessions: schedule.sessions,
  };
  return { input, skipped: schedule.skipped };
}

/** The fields of a programme's form (the caller wraps them in its form with CSRF and a button). */
export function ProgrammeFields({ L, v, e }: { L: Lang; v: ProgrammeValues; e: FieldErrors }) {
  const en = L === 'en' ? 1 : 0;
  const groups = new Set(v.targetGroups);
  const days = new Set(v.weekdays);
  const check = (name: 'waitlist' | 'published') => (
    <CheckLine
      id={fieldId(name)}
      name={name}
      value="1"
      checked={v[name] === '1'}
      label={t(L, `pgf.${name}`)}
    />
  );
  const time = (name: 'startTime' | 'endTime') => (
    <Field name={name} label={t(L, `pgf.${name}`)} lang={L} error={e[name]} required>
      <input
        type="time"
        id={fieldId(name)}
        name={name}
        value={v[name]}
        required
        aria-invalid={e[name] ? 'true' : undefined}
      />
    </Field>
  );
  return (
    <>
      <Input
        lang={L}
        name="title"
        label={t(L, 'pgf.title')}
        value={v.title}
        error={e.title}
        required
        maxLength={200}
      />
      <div class="grid">
        <Select
          lang={L}
          name="kind"
          label={t(L, 'pgf.kind')}
          value={v.kind}
          error={e.kind}
          empty={false}
          options={Object.entries(PROGRAMME_KINDS).map(([k, n]) => ({ value: k, label: n[en] }))}
        />
        <Input
          lang={L}
          name="cohort"
          label={t(L, 'pgf.cohort')}
          value={v.cohort}
          error={e.cohort}
          maxLength={50}
        />
        <Select
          lang={L}
          name="format"
          label={t(L, 'pgf.format')}
          value={v.format}
          error={e.format}
          empty={false}
          options={Object.entries(PROGRAMME_FORMATS).map(([k, n]) => ({ value: k, label: n[en] }))}
        />
        <Input
          lang={L}
          name="venue"
          label={t(L, 'pgf.venue')}
          value={v.venue}
          error={e.venue}
          maxLength={300}
        />
        <Input
          lang={L}
          name="onlineUrl"
          type="url"
          label={t(L, 'pgf.onlineUrl')}
          value={v.onlineUrl}
          error={e.onlineUrl}
          maxLength={500}
        />
        <Input
          lang={L}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          label={t(L, 'pgf.capacity')}
          value={v.capacity}
          error={e.capacity}
          required
        />
        <Input
          lang={L}
          name="holdHours"
          type="number"
          inputMode="numeric"
          min={0}
          max={168}
          label={t(L, 'pgf.holdHours')}
          hint={t(L, 'pgf.holdHint')}
          value={v.holdHours}
          error={e.holdHours}
        />
        <Input
          lang={L}
          name="completionMinAttendancePct"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          label={t(L, 'pgf.completion')}
          hint={t(L, 'pgf.completionHint')}
          value={v.completionMinAttendancePct}
          error={e.completionMinAttendancePct}
          required
        />
      </div>
      {check('waitlist')}
      <fieldset>
        <legend>{t(L, 'pgf.schedule')}</legend>
        <p class="hint">{t(L, 'pgf.scheduleHint')}</p>
        <div class="grid">
          <Input
            lang={L}
            name="firstDay"
            type="date"
            label={t(L, 'pgf.firstDay')}
            value={v.firstDay}
            error={e.firstDay}
            required
          />
          <Input
            lang={L}
            name="lastDay"
            type="date"
            label={t(L, 'pgf.lastDay')}
            value={v.lastDay}
            error={e.lastDay}
          />
          {time('startTime')}
          {time('endTime')}
        </div>
        <CheckGroup name="weekdays" legend={t(L, 'pgf.weekdays')} error={e.weekdays}>
          {WEEKDAYS.map(([n, ko, enName]) => (
            <Check
              key={String(n)}
              id={fieldId(`weekdays.${n}`)}
              name="weekdays"
              value={String(n)}
              checked={days.has(String(n))}
              label={en ? enName : ko}
            />
          ))}
        </CheckGroup>
      </fieldset>
      <CheckGroup name="targetGroups" legend={t(L, 'pgf.targets')} error={e.targetGroups}>
        {listCodes('target-groups').map((g) => (
          <Check
            key={g.code}
            id={fieldId(`targetGroups.${g.code}`)}
            name="targetGroups"
            value={g.code}
            checked={groups.has(g.code)}
            label={L === 'en' ? g.nameEn : g.name}
          />
        ))}
      </CheckGroup>
      <Textarea
        lang={L}
        name="description"
        label={t(L, 'pgf.description')}
        value={v.description}
        error={e.description}
        maxLength={4000}
      />
      {check('published')}
    </>
  );
}
