import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';

const t = await testApp();
const centre = await t.centre('대전일자리센터', null, '30110');
const counsellor = await t.user('counsellor', centre.id);
const csv = { 'content-type': 'text/csv; charset=utf-8' };

const employmentsOf = (seekerIds: string[]) =>
  t.db
    .selectFrom('employments')
    .select(['seeker_id', 'employer_name', 'start_date'])
    .where('seeker_id', 'in', seekerIds)
    .orderBy('seeker_id')
    .orderBy('start_date')
    .execute();

describe('employment imports refuse repeated rows', () => {
  it('lists repeats within the file and of recorded employments, whole or partial', async () => {
    const kim = await insertSeeker(t.db, centre.id, { externalId: 'D-1' });
    const lee = await insertSeeker(t.db, centre.id, { externalId: 'D-2' });
    const recorded = expectStatus(
      await counsellor.post('/api/v1/employments', {
        seekerId: lee,
        employerName: '대덕테크(주)',
        route: 'self',
        startDate: '2026-03-16',
      }),
      201,
    );
    const file = [
      'seekerExternalId,employerName,startDate,route',
      'D-1,㈜유성정밀,2026-04-01,self',
      'D-1,㈜유성정밀,2026-05-04,self',
      'D-1,(주) 유성 정밀,2026-04-01,event',
      'D-2,대덕테크 (주),2026-03-16,referral',
      'D-2,대덕테크(주),2026-03-17,bus',
      'D-2,둔산물류,2026-03-20,self',
    ].join('\n');

    const whole = await counsellor.post('/api/v1/imports/employments', file, csv);
    const refused = expectStatus(whole, 400);
    expect(whole.headers['content-type']).toContain('application/problem+json');
    expect(refused.imported).toBe(0);
    expect(refused.rejected.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect(refused.rejected[0].errors).toEqual([
      {
        field: 'row',
        message: '3행은 이 파일의 1행과 같은 취업(구직자·취업일·사업장)이 반복된 행입니다.',
      },
    ]);
    expect(refused.rejected[1].errors).toEqual([
      {
        field: 'row',
        message: `4행은 이미 등록된 취업 기록(id: ${recorded.id})과 같은 취업(구직자·취업일·사업장)입니다.`,
      },
    ]);
    expect(refused.errors.map((e: { field: string }) => e.field)).toEqual([
      'rows[3].row',
      'rows[4].row',
      'rows[5].route',
    ]);
    expect(await employmentsOf([kim, lee])).toHaveLength(1);

    const partial = expectStatus(
      await counsellor.post('/api/v1/imports/employments?partial=true', file, {
        ...csv,
        'accept-language': 'en',
      }),
      200,
    );
    expect(partial.imported).toBe(3);
    expect(partial.rejected).toEqual([
      {
        row: 3,
        errors: [
          {
            field: 'row',
            message: 'Row 3 repeats row 1 of this file (same seeker, start date and employer).',
          },
        ],
      },
      {
        row: 4,
        errors: [
          {
            field: 'row',
            message: `Row 4 repeats an employment already recorded (id: ${recorded.id}; same seeker, start date and employer).`,
          },
        ],
      },
      { row: 5, errors: [{ field: 'route', message: expect.any(String) }] },
    ]);
    expect(await employmentsOf([kim, lee])).toHaveLength(4);

    // The same file again: every valid row now repeats a recorded employment, nothing is added.
    const again = expectStatus(
      await counsellor.post('/api/v1/imports/employments?partial=true', file, csv),
      200,
    );
    expect(again.imported).toBe(0);
    expect(again.rejected.map((r: { row: number }) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(again.rejected[0].errors[0].message).toMatch(/^1행은 이미 등록된 취업 기록\(id: [0-9a-f-]{36}\)/);
    expect(await employmentsOf([kim, lee])).toHaveLength(4);
  });
});
