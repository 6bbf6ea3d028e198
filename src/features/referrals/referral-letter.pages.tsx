import { recordAccess } from '../../platform/audit/access-log.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { codeName, regionName } from '../../web/codes.tsx';
import { renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { Facts, PrintLayout } from '../../web/print.tsx';
import { getCentre } from '../accounts/centres.service.ts';
import { userContacts } from '../accounts/user-lookups.service.ts';
import { getPostingNamedBy } from '../postings/postings.service.ts';
import { getSeeker } from '../seekers/seekers.service.ts';
import { visibleReferral } from './referrals.service.ts';

defineMessages({
  'rl.title': ['알 선 장', 'Referral letter'],
  'rl.docNo': ['알선번호 {no} · 알선일 {date}', 'Referral {no} · {date}'],
  'rl.to': ['{company} 채용 담당자님 귀하', 'To the hiring manager of {company}'],
  'rl.intro': [
    '아래 구직자를 귀사의 구인 공고에 알선하오니 면접 등 채용 절차에 참고하여 주시기 바랍니다.',
    'We refer the job seeker below to your posting; please consider them in your hiring.',
  ],
  'rl.seeker': ['구직자', 'Job seeker'],
  'rl.name': ['성명', 'Name'],
  'rl.born': ['출생연도', 'Year of birth'],
  'rl.bornYear': ['{year}년생', 'born {year}'],
  'rl.education': ['최종 학력', 'Education'],
  'rl.desired': ['희망 직종', 'Wanted job'],
  'rl.careers': ['경력', 'Experience'],
  'rl.careerItem': ['{company} {occupation} {months}개월', '{company}, {occupation}, {months} months'],
  'rl.certificates': ['자격증', 'Certificates'],
  'rl.posting': ['구인 공고', 'Posting'],
  'rl.postingTitle': ['공고명', 'Title'],
  'rl.wage': ['임금', 'Wage'],
  'rl.interview': ['면접 일정', 'Interview'],
  'rl.centre': ['알선 기관', 'Referred by'],
  'rl.centreName': ['센터', 'Centre'],
  'rl.counsellor': ['담당 상담사', 'Counsellor'],
  'rl.centrePhone': ['센터 대표 전화', 'Centre phone'],
  'rl.counsellorPhone': ['상담사 직통 전화', 'Counsellor’s direct line'],
  'rl.noPhone': ['(등록되지 않음)', '(not on record)'],
  'rl.contact': [
    '채용 결과는 담당 상담사에게 알려 주십시오. 이 알선장의 개인정보는 채용 심사에만 쓰고 끝나면 파기하여 주십시오.',
    'Please tell the counsellor the outcome. Use the personal data here only for this hiring decision and destroy it afterwards.',
  ],
  'rl.sign': ['{centre}장', 'Head of {centre}'],
  'rl.none': ['없음', 'none'],
});

/**
 * GET /staff/referrals/{id}/letter: the 알선장 of a referral as an A4 page — the seeker's minimal
 * profile as far as the access rule shows it (a seeker shared by consent shows only what the
 * consent names), the posting, the centre and the counsellor — and one access-log row `print`.
 */
export function registerReferralLetterPages(app: Server, ctx: AppContext): void {
  app.get('/staff/referrals/:id/letter', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'referrals.write');
    const L = req.lang;
    const r = await visibleReferral(ctx.db, actor, uuidParam(req));
    const rc = requestContext(ctx.db, req);
    const counsellorId = r.createdBy ?? actor.userId;
    const [seeker, posting, centre, staff] = await Promise.all([
      getSeeker(rc, { id: r.seekerId, dataKey: ctx.dataKey }),
      getPostingNamedBy(ctx.db, r.postingId),
      getCentre(ctx.db, r.centreId),
      userContacts(ctx.db, [counsellorId]),
    ]);
    await recordAccess(ctx.db, {
      actor,
      ip: req.ip,
      action: 'print',
      subjectType: 'seeker',
      subjectId: r.seekerId,
      centreId: r.seekerCentreId,
      reason: '알선장 출력',
    });
    const counsellor = staff.get(counsellorId);
    const none = t(L, 'rl.none');
    const careers = seeker.careers.length
      ? seeker.careers
          .map((c) =>
            t(L, 'rl.careerItem', {
              company: c.company ?? '',
              occupation: c.occupation ?? '',
              months: c.months ?? 0,
            }),
          )
          .join(', ')
      : none;
    return renderPage(
      reply,
      <PrintLayout req={req} title={`${t(L, 'rl.title')} · ${seeker.name}`} back="/staff/referrals">
        <h1>{t(L, 'rl.title')}</h1>
        <p class="docno">{t(L, 'rl.docNo', { no: r.id.slice(0, 8), date: seoul(r.createdAt, false) })}</p>
        <p>{t(L, 'rl.to', { company: posting.employerName })}</p>
        <p>{t(L, 'rl.intro')}</p>
        <h2>{t(L, 'rl.seeker')}</h2>
        <Facts
          rows={[
            [t(L, 'rl.name'), seeker.name],
            [
              t(L, 'rl.born'),
              seeker.birthDate ? t(L, 'rl.bornYear', { year: seeker.birthDate.slice(0, 4) }) : none,
            ],
            [t(L, 'rl.education'), codeName('education', seeker.educationLevel, L)],
            [
              t(L, 'rl.desired'),
              (seeker.desired?.occupations ?? []).map((o) => codeName('occupations', o, L)).join(', ') ||
                none,
            ],
            [t(L, 'rl.careers'), careers],
            [t(L, 'rl.certificates'), seeker.certificates.length ? seeker.certificates.join(', ') : none],
          ]}
        />
        <h2>{t(L, 'rl.posting')}</h2>
        <Facts
          rows={[
            [t(L, 'rl.postingTitle'), posting.title],
            [t(L, 'pd.employer'), posting.employerName],
            [t(L, 'pd.employmentType'), codeName('employment-types', posting.employmentType, L)],
            [t(L, 'pd.address'), posting.address ?? regionName(posting.regionCode, L)],
            ...(r.interviewAt
              ? ([
                  [
                    t(L, 'rl.interview'),
                    `${seoul(r.interviewAt)}${r.interviewPlace ? ` · ${r.interviewPlace}` : ''}`,
                  ],
                ] as [string, string][])
              : []),
          ]}
        />
        <h2>{t(L, 'rl.centre')}</h2>
        <Facts
          rows={[
            [t(L, 'rl.centreName'), `${centre.name} (${regionName(centre.regionCode, L)})`],
            [t(L, 'rl.centrePhone'), centre.phone ?? t(L, 'rl.noPhone')],
            [t(L, 'rl.counsellor'), counsellor?.name ?? actor.name],
            [t(L, 'rl.counsellorPhone'), counsellor?.workPhone ?? t(L, 'rl.noPhone')],
          ]}
        />
        <p class="closing">{t(L, 'rl.contact')}</p>
        <p class="sign">{t(L, 'rl.sign', { centre: centre.name })}</p>
      </PrintLayout>,
    );
  });
}
