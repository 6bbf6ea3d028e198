/** The endpoints the load bench drives, with their p99 budgets (see bench/load.ts). */
export interface Endpoint {
  name: string;
  budgetP99Ms: number;
  /** a staff endpoint: sent with the counsellor's session cookie */
  staff: boolean;
  paths: string[];
}

export function endpoints(seekerIds: string[]): Endpoint[] {
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
    { name: 'seekersSearch', budgetP99Ms: 300, staff: true, paths: [`/api/v1/seekers?q=${q('김')}`] },
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
