import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../test/support/app.ts';
import { stopMatching } from '../features/matching/matching.service.ts';
import { buildSeeker } from '../features/seekers/seekers.factory.ts';

// A page section that cannot be loaded says so instead of showing an empty list (issue 13:
// a seeded server without a fresh index showed "추천할 일자리가 없습니다").

const t = await testApp();
const centre = await t.centre('추천오류센터');
const counsellor = await t.user('counsellor', centre.id);
const { id } = expectStatus(
  await counsellor.post('/api/v1/seekers', buildSeeker({ name: '오류확인' })),
  201,
) as {
  id: string;
};
const me = await t.user('seeker', null, { seekerId: id });

describe('recommendations that cannot be loaded', () => {
  it('show as none while the index answers', async () => {
    const staff = await counsellor.get(`/staff/seekers/${id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('추천할 일자리가 없습니다');
    const own = await me.get('/me');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('지금은 추천할 일자리가 없습니다');
  });

  it('say so on the staff page and on /me, instead of an empty list', async () => {
    await stopMatching(t.db); // the index is gone: every recommendation call fails
    const staff = await counsellor.get(`/staff/seekers/${id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('추천 일자리를 불러오지 못했습니다');
    expect(staff.body).toContain('role="alert"');
    expect(staff.body).not.toContain('추천할 일자리가 없습니다');
    const own = await me.get('/me');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('추천 일자리를 지금 불러오지 못했습니다');
    expect(own.body).not.toContain('지금은 추천할 일자리가 없습니다');
  });
});
