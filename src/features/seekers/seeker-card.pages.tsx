import './seekers.pages.messages.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { codeName, regionName } from '../../web/codes.tsx';
import { renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { Facts, PrintLayout } from '../../web/print.tsx';
import { getCentre } from '../accounts/centres.service.ts';
import { noDesired } from './seekers.presenter.ts';
import { getSeeker } from './seekers.service.ts';

defineMessages({
  'sc.title': ['구 직 표', 'Job seeker sheet'],
  'sc.print': ['구직표 인쇄', 'Print the seeker sheet'],
  'sc.docNo': ['구직번호 {no} · 등록일 {date}', 'Registration {no} · {date}'],
  'sc.person': ['인적 사항', 'Person'],
  'sc.wish': ['희망 조건', 'Wanted'],
  'sc.history': ['경력 · 자격', 'Experience and certificates'],
  'sc.name': ['성명', 'Name'],
  'sc.birthDate': ['생년월일', 'Date of birth'],
  'sc.phone': ['연락처', 'Phone'],
  'sc.email': ['전자우편', 'E-mail'],
  'sc.address': ['주소', 'Address'],
  'sc.region': ['거주 지역', 'Region'],
  'sc.education': ['최종 학력', 'Education'],
  'sc.occupations': ['희망 직종', 'Occupations'],
  'sc.regions': ['희망 지역', 'Regions'],
  'sc.employmentTypes': ['희망 고용 형태', 'Employment types'],
  'sc.wage': ['희망 임금', 'Wage'],
  'sc.wageValue': ['{type} {amount}원 이상', '{type} from KRW {amount}'],
  'sc.careers': ['경력', 'Experience'],
  'sc.careerItem': ['{company} · {occupation} · {months}개월', '{company}, {occupation}, {months} months'],
  'sc.certificates': ['자격증', 'Certificates'],
  'sc.centre': ['등록 센터', 'Centre'],
  'sc.shared': ['(다른 센터 구직자: 동의한 항목만 표시)', '(another centre’s seeker: consented items only)'],
  'sc.none': ['없음', 'none'],
  'sc.hidden': ['(동의 범위 밖)', '(not shared)'],
});

/**
 * GET /staff/seekers/{id}/card: the 구직표 of a seeker as an A4 page, as much as the access rule
 * shows the reader, and one access-log row `print`.
 */
export function registerSeekerCardPages(app: Server, ctx: AppContext): void {
  app.get('/staff/seekers/:id/card', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'seekers.read');
    const L = req.lang;
    const s = await getSeeker(requestContext(ctx.db, req), { id: uuidParam(req), dataKey: ctx.dataKey });
    const centre = await getCentre(ctx.db, s.centreId);
    await recordAccess(ctx.db, {
      actor,
      ip: req.ip,
      action: 'print',
      subjectType: 'seeker',
      subjectId: s.id,
      centreId: s.centreId,
      reason: '구직표 출력',
    });
    const none = t(L, 'sc.none');
    const hidden = t(L, 'sc.hidden');
    const list = (xs: string[]) => (xs.length ? xs.join(', ') : none);
    const d = s.desired ?? noDesired;
    return renderPage(
      reply,
      <PrintLayout req={req} title={`${t(L, 'sc.title')} · ${s.name}`} back={`/staff/seekers/${s.id}`}>
        <h1>{t(L, 'sc.title')}</h1>
        <p class="docno">{t(L, 'sc.docNo', { no: s.registrationNo, date: s.registeredAt })}</p>
        {s.shared ? <p>{t(L, 'sc.shared')}</p> : null}
        <h2>{t(L, 'sc.person')}</h2>
        <Facts
          rows={[
            [t(L, 'sc.name'), s.name ?? t(L, 'ps.withheld')],
            [t(L, 'sc.birthDate'), s.birthDate],
            [t(L, 'sc.phone'), s.phone ?? hidden],
            [t(L, 'sc.email'), s.email ?? (s.shared ? hidden : none)],
            [t(L, 'sc.address'), s.address ?? (s.shared ? hidden : none)],
            [t(L, 'sc.region'), regionName(s.regionCode, L)],
            [t(L, 'sc.education'), codeName('education', s.educationLevel, L)],
          ]}
        />
        <h2>{t(L, 'sc.wish')}</h2>
        <Facts
          rows={[
            [t(L, 'sc.occupations'), list(d.occupations.map((o) => codeName('occupations', o, L)))],
            [t(L, 'sc.regions'), list(d.regions.map((r) => regionName(r, L)))],
            [
              t(L, 'sc.employmentTypes'),
              list(d.employmentTypes.map((e) => codeName('employment-types', e, L))),
            ],
            [
              t(L, 'sc.wage'),
              d.wageMin
                ? t(L, 'sc.wageValue', {
                    type: codeName('wage-types', d.wageType, L),
                    amount: d.wageMin.toLocaleString('ko-KR'),
                  })
                : none,
            ],
          ]}
        />
        <h2>{t(L, 'sc.history')}</h2>
        <Facts
          rows={[
            [
              t(L, 'sc.careers'),
              list(
                s.careers.map((c) =>
                  t(L, 'sc.careerItem', {
                    company: c.company,
                    occupation: c.occupationName ?? c.occupation,
                    months: c.months,
                  }),
                ),
              ),
            ],
            [t(L, 'sc.certificates'), list(s.certificates)],
            [t(L, 'sc.centre'), centre.name],
          ]}
        />
      </PrintLayout>,
    );
  });
}
