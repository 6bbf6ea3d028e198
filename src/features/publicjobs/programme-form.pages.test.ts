import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { newMiddleAgedProgramme } from './publicjobs.test-helpers.ts';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** The form body of a 신중년 programme like the API test's, as a browser posts it. */
function programmeForm(over: Record<string, string> = {}) {
  const b = newMiddleAgedProgramme();
  return new URLSearchParams({
    name: '신중년 경력형 일자리(화면 등록)',
    kind: 'new_middle_aged',
    year: String(b.year),
    quota: '40',
    startsOn: b.startsOn,
    endsOn: b.endsOn,
    hoursPerWeek: '35',
    hourlyWage: '10,700',
    selection: 'lottery',
    applyFrom: b.applyFrom,
    applyTo: b.applyTo,
    'eligibility.minAge': '50',
    'eligibility.maxAge': '64',
    'eligibility.incomePctOfMedian': '100',
    'eligibility.propertyMax': '400,000,000',
    'eligibility.over65MaxHoursPerWeek': '15',
    'repeat.action': 'flag',
    'repeat.lookbackYears': '1',
    'repeat.points': '0',
    'scoring.0.flag': 'disabled',
    'scoring.0.points': '5',
    'scoring.1.flag': 'single_parent',
    'scoring.1.points': '3',
    ruleSource: '광명시 공고 제2026-7호',
    ...over,
  });
}

describe('staff programme and rules forms', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);

  it('shows the reference 기준중위소득 and the year’s minimum wage beside the fields', async () => {
    const page = await staff.get('/staff/public-jobs/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2,564,238'); // 2026, 1 person (보건복지부고시 제2025-135호)
    expect(page.body).toContain('10,320'); // 2026 최저임금
    expect(page.body).toContain('name="eligibility.incomePctOfMedian"');
    expect((await staff.get('/staff/public-jobs')).body).toContain('href="/staff/public-jobs/new"');
  });

  it('answers bad values with the form again, each error in Korean on its field, nothing saved', async () => {
    const body = programmeForm({
      name: '',
      hourlyWage: '9000',
      'eligibility.minAge': '쉰',
      'eligibility.maxAge': '130',
      'scoring.0.points': '1.5',
    });
    body.append('eligibility.excludeFlags', 'unemployment_benefit');
    const res = await staff.post('/staff/public-jobs/new', body.toString(), form);
    expect(res.statusCode).toBe(400);
    const errorOf = (field: string) =>
      new RegExp(`id="f-${field.replace(/\./g, '-')}-error">([^<]+)<`).exec(res.body)?.[1];
    expect(errorOf('name')).toBe('필수 항목입니다.');
    expect(errorOf('eligibility.minAge')).toBe('숫자(정수)로 입력하세요.');
    expect(errorOf('eligibility.maxAge')).toBe('120 이하여야 합니다.');
    expect(errorOf('scoring.0.points')).toBe('숫자(정수)로 입력하세요.');
    // Typed values come back, the excluded flag stays checked.
    expect(res.body).toContain('value="쉰"');
    expect(res.body).toMatch(/value="unemployment_benefit" checked/);
    // The wage guard needs the other fields right; it names the year's minimum wage.
    const low = await staff.post(
      '/staff/public-jobs/new',
      programmeForm({ hourlyWage: '9000' }).toString(),
      form,
    );
    expect(low.statusCode).toBe(400);
    expect(low.body).toMatch(/id="f-hourlyWage-error">[^<]*최저임금[^<]*</);
    const saved = await t.db
      .selectFrom('public_job_programmes')
      .select('id')
      .where('centre_id', '=', centre.id)
      .execute();
    expect(saved).toHaveLength(0);
  });

  let id = '';
  it('opens a 신중년 programme for 50–64 with an income cap of 100% of the median, and changes its rules as a new version', async () => {
    const body = programmeForm();
    body.append('eligibility.excludeFlags', 'unemployment_benefit');
    body.append('eligibility.excludeFlags', 'basic_livelihood');
    const res = await staff.post('/staff/public-jobs/new', body.toString(), form);
    expect(res.statusCode).toBe(303);
    id = /\/staff\/public-jobs\/([0-9a-f-]{36})\?done=1$/.exec(res.headers.location as string)?.[1] ?? '';
    const p = expectStatus(await staff.get(`/api/v1/public-jobs/${id}`), 200);
    expect(p).toMatchObject({
      kind: 'new_middle_aged',
      quota: 40,
      hourlyWage: 10_700,
      ruleVersion: 1,
      source: '광명시 공고 제2026-7호',
      eligibility: {
        minAge: 50,
        maxAge: 64,
        incomePctOfMedian: 100,
        propertyMax: 400_000_000,
        excludeFlags: ['unemployment_benefit', 'basic_livelihood'],
        repeat: { action: 'flag', lookbackYears: 1, points: 0 },
        over65MaxHoursPerWeek: 15,
      },
      scoring: [
        { flag: 'disabled', points: 5 },
        { flag: 'single_parent', points: 3 },
      ],
    });
    const rules = await staff.get(`/staff/public-jobs/${id}/rules`);
    expect(rules.statusCode).toBe(200);
    expect(rules.body).toMatch(/name="eligibility.maxAge" value="64"/);
    const keep = new URLSearchParams({
      'eligibility.minAge': '50',
      'eligibility.maxAge': '64',
      'eligibility.incomePctOfMedian': '0',
      'repeat.action': '',
    });
    const bad = await staff.post(`/staff/public-jobs/${id}/rules`, keep.toString(), form);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="f-eligibility-incomePctOfMedian-error">1 이상이어야 합니다.</);
    keep.set('eligibility.incomePctOfMedian', '120');
    keep.set('scoring.2.flag', 'disabled');
    keep.set('scoring.2.points', '4');
    const ok = await staff.post(`/staff/public-jobs/${id}/rules`, keep.toString(), form);
    expect(ok.headers.location).toBe(`/staff/public-jobs/${id}?done=1`);
    const after = expectStatus(await staff.get(`/api/v1/public-jobs/${id}`), 200);
    expect(after).toMatchObject({
      ruleVersion: 2,
      eligibility: { incomePctOfMedian: 120, excludeFlags: [], repeat: null },
      scoring: [{ flag: 'disabled', points: 4 }],
    });
    expect(after.ruleVersions.map((r: { version: number }) => r.version)).toEqual([1, 2]);
  });

  it('shows another centre’s staff no rules form', async () => {
    const other = await t.user('counsellor', (await t.centre('다른센터')).id);
    expect((await other.get(`/staff/public-jobs/${id}/rules`)).statusCode).toBe(404);
  });
});
