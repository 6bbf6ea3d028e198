import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { StackTable } from '../../web/lists.tsx';
import { num } from '../../web/page.tsx';
import type { companyOutreach } from '../outreach/company.service.ts';

// The outreach part of a company's staff page (its 360° view): who visited it when and what
// was found, its admin requests with departments and due dates, its hiring agreements with
// pledged vs filled, and the link planning the next visit.

defineMessages({
  'peo.visits': ['기업 방문', 'Visits'],
  'peo.prospect': ['예비 기업(발굴단 등록)', 'Prospect (found by outreach)'],
  'peo.plan': ['다음 방문 계획하기', 'Plan the next visit'],
  'peo.noVisits': ['방문 기록이 없습니다.', 'No visits yet.'],
  'peo.when': ['일시', 'When'],
  'peo.status': ['상태', 'Status'],
  'peo.team': ['방문팀', 'Team'],
  'peo.found': ['애로사항·발굴 일자리', 'Difficulties · jobs found'],
  'peo.foundN': ['애로 {d}건 · 일자리 {j}명', '{d} difficulties · {j} jobs'],
  'peo.requests': ['행정지원 요청', 'Admin requests'],
  'peo.noRequests': ['행정지원 요청이 없습니다.', 'No admin requests.'],
  'peo.department': ['담당 부서', 'Department'],
  'peo.due': ['처리 기한', 'Due'],
  'peo.overdue': ['기한 경과', 'Overdue'],
  'peo.agreements': ['구민 우선채용 협약', 'Hiring agreements'],
  'peo.noAgreements': ['협약이 없습니다.', 'No agreements.'],
  'peo.period': ['협약 기간', 'Period'],
  'peo.pledgedFilled': ['약정 {p}명 · 채용 {f}명', '{p} pledged · {f} filled'],
  'peo.shown': ['최근 {shown}건 표시(전체 {total}건)', 'Latest {shown} of {total}'],
});

type Outreach = Awaited<ReturnType<typeof companyOutreach>>;

function Shown({ total, shown, L }: { total: number; shown: number; L: Lang }) {
  return total > shown ? (
    <p class="muted">{t(L, 'peo.shown', { total: num(total), shown: num(shown) })}</p>
  ) : null;
}

/** The company's visits, requests and agreements (staff who may read outreach records). */
export function CompanyOutreach({ o, bizRegNo, L }: { o: Outreach; bizRegNo: string; L: Lang }) {
  return (
    <>
      <section aria-labelledby="visits-h" id="visits">
        <h2 id="visits-h">
          {t(L, 'peo.visits')} ({num(o.visits.total)})
        </h2>
        <p>
          <a href={`/staff/outreach?company=${bizRegNo}`}>{t(L, 'peo.plan')}</a>
        </p>
        {o.visits.items.length === 0 ? <p class="muted">{t(L, 'peo.noVisits')}</p> : null}
        <Shown total={o.visits.total} shown={o.visits.items.length} L={L} />
        {o.visits.items.length ? (
          <StackTable lang={L} columns={['peo.when', 'peo.status', 'peo.team', 'peo.found']}>
            {o.visits.items.map((v) => (
              <tr key={v.id}>
                <td data-label={t(L, 'peo.when')}>
                  <a href={`/staff/outreach/visits/${v.id}`}>{koDate(v.heldAt ?? v.plannedAt, L, true)}</a>
                </td>
                <td data-label={t(L, 'peo.status')}>{v.statusName}</td>
                <td data-label={t(L, 'peo.team')}>{v.team.filter(Boolean).join(', ')}</td>
                <td data-label={t(L, 'peo.found')}>
                  {v.status === 'held'
                    ? t(L, 'peo.foundN', { d: v.difficultyCount, j: v.jobsHeadcount })
                    : '—'}
                </td>
              </tr>
            ))}
          </StackTable>
        ) : null}
      </section>
      <div class="two">
        <section aria-labelledby="requests-h" id="requests">
          <h2 id="requests-h">
            {t(L, 'peo.requests')} ({num(o.requests.total)})
          </h2>
          {o.requests.items.length === 0 ? <p class="muted">{t(L, 'peo.noRequests')}</p> : null}
          <Shown total={o.requests.total} shown={o.requests.items.length} L={L} />
          <ul>
            {o.requests.items.map((r) => (
              <li key={r.id}>
                <a href={`/staff/outreach/requests/${r.id}`}>{r.description}</a>{' '}
                <span class="tag">{r.statusName}</span>
                {r.overdue ? <span class="tag bad">{t(L, 'peo.overdue')}</span> : null}
                <br />
                <span class="muted">
                  {r.departmentName} · {t(L, 'peo.due')} {koDate(r.dueAt, L, true)}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="agreements-h" id="agreements">
          <h2 id="agreements-h">
            {t(L, 'peo.agreements')} ({num(o.agreements.total)})
          </h2>
          {o.agreements.items.length === 0 ? <p class="muted">{t(L, 'peo.noAgreements')}</p> : null}
          <ul>
            {o.agreements.items.map((a) => (
              <li key={a.id}>
                {koDate(a.validFrom, L)} – {koDate(a.validTo, L)}:{' '}
                <strong>{t(L, 'peo.pledgedFilled', { p: num(a.pledged), f: num(a.filled) })}</strong>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
