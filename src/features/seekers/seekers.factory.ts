import type { SeekerCreate } from './seekers.schema.ts';

let n = 0;

/**
 * A valid registration body in natural Korean (tests and demo data); every call gets its own
 * phone number so records do not collide as duplicates unless a test wants them to.
 */
export function buildSeeker(over: Partial<SeekerCreate> = {}): SeekerCreate {
  n++;
  const tail = String(1000 + (n % 9000)).padStart(4, '0');
  const mid = String(2000 + Math.floor(Math.random() * 7000));
  return {
    name: '김민준',
    birthDate: '1988-04-17',
    phone: `010-${mid}-${tail}`,
    email: 'minjun.kim@example.kr',
    regionCode: '11140',
    address: '서울특별시 중구 세종대로 110',
    educationLevel: '03',
    targetGroups: ['youth'],
    desired: {
      occupations: ['8241'],
      regions: ['11140'],
      employmentTypes: ['10'],
      wageType: 'M',
      wageMin: 2_600_000,
    },
    careers: [{ company: '한빛정밀', occupation: '용접원', months: 36 }],
    certificates: ['특수용접기능사'],
    keywords: ['용접', '지게차'],
    ...over,
  };
}
