/** The endpoints the load bench drives, with their p99 budgets (see bench/load.ts). */
export interface Endpoint {
  name: string;
  budgetP99Ms: number;
  /** a staff endpoint: sent with the counsellor's session cookie */
  staff: boolean;
  paths: string[];
  /** each path must answer a list with items (a query that matches nothing measures nothing) */
  nonEmpty?: boolean;
}

/** A seeker the counsellor sees, as the search box finds it (issue 15). */
export interface FindSample {
  phone: string | null;
  registrationNo: string;
  birthDate: string;
}

export function endpoints(seekerIds: string[], finds: FindSample[] = []): Endpoint[] {
  const q = (s: string) => encodeURIComponent(s);
  return [
    { name: 'codesOccupations', budgetP99Ms: 200, staff: false, paths: ['/api/v1/codes/occupations'] },
    { name: 'postingsSearch', budgetP99Ms: 300, staff: false, paths: [`/api/v1/postings?q=${q('요양')}`] },
    {
      name: 'postingsSearchRegion',
      budgetP99Ms: 300,
      staff: false,
      paths: [`/api/v1/postings?q=${q('요양')}&regionCode=28`],
    },
    { name: 'jobsPage', budgetP99Ms: 400, staff: false, paths: [`/jobs?q=${q('용접')}`] },
    {
      // What a counsellor asks the list (issue 23 item 8: `q=김` matched no row — one syllable is
      // no token — so it never measured a list): the default page and deeper pages, status and
      // care filters, surname + first syllable (김지: ~170 of the centre tier's 20,000), a full
      // name, and a filter with a search. Every path matches rows (bench/load.ts checks).
      name: 'seekersList',
      budgetP99Ms: 300,
      staff: true,
      nonEmpty: true,
      paths: [
        '/api/v1/seekers',
        '/api/v1/seekers?status=active',
        `/api/v1/seekers?q=${q('김지')}`,
        '/api/v1/seekers?page=5',
        `/api/v1/seekers?q=${q('이서')}`,
        '/api/v1/seekers?status=active&page=10',
        `/api/v1/seekers?q=${q('김지희')}`,
        '/api/v1/seekers?care=intensive',
        `/api/v1/seekers?q=${q('박지')}&status=active`,
        '/api/v1/seekers?status=employed&page=3',
      ],
    },
    {
      // The search box (issue 15): a caller's number whole, without hyphens and its last four
      // digits, a 구직번호 and birth dates in two forms, all through indexes (blind indexes for
      // the phone). Samples are seekers of the counsellor's first list pages (bench/load.ts).
      name: 'seekersFind',
      budgetP99Ms: 300,
      staff: true,
      nonEmpty: true,
      paths: finds
        .slice(0, 4)
        .flatMap((f) => [
          ...(f.phone
            ? [
                `/api/v1/seekers?q=${q(f.phone)}`,
                `/api/v1/seekers?q=${f.phone.replace(/-/g, '')}`,
                `/api/v1/seekers?q=${f.phone.slice(-4)}`,
              ]
            : []),
          `/api/v1/seekers?q=${q(f.registrationNo)}`,
          `/api/v1/seekers?q=${f.birthDate}`,
          `/api/v1/seekers?q=${f.birthDate.replace(/-/g, '').slice(2)}`,
        ]),
    },
    {
      name: 'seekerView',
      budgetP99Ms: 200,
      staff: true,
      paths: seekerIds.map((id) => `/api/v1/seekers/${id}`),
    },
    {
      name: 'recommendations',
      budgetP99Ms: 100,
      staff: true,
      paths: seekerIds.map((id) => `/api/v1/seekers/${id}/recommendations?limit=20`),
    },
    { name: 'reportsKpi', budgetP99Ms: 1000, staff: true, paths: ['/api/v1/reports/kpi'] },
  ];
}
export const PEER: Endpoint = { name: 'healthz', budgetP99Ms: 50, staff: false, paths: ['/healthz'] };
