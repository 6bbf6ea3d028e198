import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { codeOptions } from '../../web/codes.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  Input,
  Select,
  str,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, safeNext, uuidParam } from '../../web/page.tsx';
import { getPostingNamedBy } from '../postings/postings.service.ts';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { changeStatus, type StatusChange } from './referral-status.service.ts';
import { visibleReferral } from './referrals.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

defineMessages({
  'prs.interviewTitle': ['면접 일정 기록', 'Record the interview'],
  'prs.hiredTitle': ['채용 기록', 'Record the hire'],
  'prs.for': ['{seeker} · {posting}', '{seeker} · {posting}'],
  'prs.interviewAt': ['면접 일시', 'Interview date and time'],
  'prs.place': ['면접 장소', 'Interview place'],
  'prs.placeHint': [
    '예: 본사 3층 회의실 (서울 중구 세종대로 110)',
    'e.g. head office, 3rd floor meeting room',
  ],
  'prs.startDate': ['취업 시작일', 'Start date'],
  'prs.employmentType': ['고용 형태', 'Employment type'],
  'prs.wageType': ['임금 형태', 'Wage type'],
  'prs.wage': ['임금 (원)', 'Wage (KRW)'],
  'prs.wageHint': [
    '공고의 임금으로 채웠습니다. 실제 계약 임금으로 고치세요.',
    'Filled in from the posting; correct it to the agreed wage.',
  ],
  'prs.note': ['메모', 'Note'],
  'prs.save': ['저장', 'Save'],
  'prs.back': ['돌아가기', 'Back'],
});

const DETAILED: readonly ReferralStatus[] = ['interview', 'hired'];
const STATUSES: readonly string[] = ['screening', 'interview', 'hired', 'rejected', 'no_show', 'withdrawn'];

/**
 * POST /staff/referrals/{id}/status: a move without details goes straight through; interview
 * and hired first ask for theirs (time and place; start, type and wage from the posting).
 */
export function registerReferralStatusPages(app: Server, ctx: AppContext): void {
  async function detailsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    status: 'interview' | 'hired',
    v: Record<string, string>,
    back: string,
    problem?: { form: string; fields: FieldErrors },
  ) {
    const actor = req.actor!;
    const L = req.lang;
    const r = await visibleReferral(ctx.db, actor, uuidParam(req));
    const [labels, posting] = await Promise.all([
      seekerLabels(requestContext(ctx.db, req), { ids: [r.seekerId] }),
      getPostingNamedBy(ctx.db, r.postingId),
    ]);
    const seeker = labels.get(r.seekerId)?.name ?? '';
    const title = t(L, status === 'interview' ? 'prs.interviewTitle' : 'prs.hiredTitle');
    const errors = problem?.fields ?? {};
    const value = (k: string, d = '') => v[k] ?? d;
    return renderPage(
      reply,
      <Layout req={req} title={title} nav="/staff/referrals">
        <h1>{title}</h1>
        <p>{t(L, 'prs.for', { seeker, posting: `${posting.title} (${posting.employerName})` })}</p>
        <form method="post" action={`/staff/referrals/${r.id}/status`}>
          <Csrf token={req.csrfToken} />
          <input type="hidden" name="status" value={status} />
          <input type="hidden" name="details" value="1" />
          <input type="hidden" name="back" value={back} />
          <ErrorSummary lang={L} message={problem?.form} errors={errors} />
          {status === 'interview' ? (
            <div class="grid">
              <Input
                lang={L}
                name="interviewAt"
                type="datetime-local"
                label={t(L, 'prs.interviewAt')}
                value={value('interviewAt')}
                error={errors.interviewAt}
                required
              />
              <Input
                lang={L}
                name="place"
                label={t(L, 'prs.place')}
                hint={t(L, 'prs.placeHint')}
                value={value('place', posting.address ?? '')}
                error={errors.place}
                maxLength={200}
              />
            </div>
          ) : (
            <div class="grid">
              <Input
                lang={L}
                name="startDate"
                type="date"
                label={t(L, 'prs.startDate')}
                value={value('startDate', seoulToday())}
                error={errors.startDate}
                required
              />
              <Select
                lang={L}
                name="employmentType"
                label={t(L, 'prs.employmentType')}
                value={value('employmentType', posting.employmentType)}
                error={errors.employmentType}
                options={codeOptions('employment-types', L)}
              />
              <Select
                lang={L}
                name="wageType"
                label={t(L, 'prs.wageType')}
                value={value('wageType', posting.wageType)}
                error={errors.wageType}
                options={codeOptions('wage-types', L)}
              />
              <Input
                lang={L}
                name="wage"
                type="number"
                inputMode="numeric"
                min={0}
                label={t(L, 'prs.wage')}
                hint={t(L, 'prs.wageHint')}
                value={value('wage', String(posting.wageMin ?? ''))}
                error={errors.wage}
              />
            </div>
          )}
          <Input
            lang={L}
            name="note"
            label={t(L, 'prs.note')}
            value={value('note')}
            error={errors.note}
            maxLength={2000}
          />
          <div class="actions">
            <button type="submit">{t(L, 'prs.save')}</button>
            <a href={back}>{t(L, 'prs.back')}</a>
          </div>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.post('/staff/referrals/:id/status', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'referrals.write');
    const b = formBody(req);
    const status = str(b, 'status') as ReferralStatus;
    if (!STATUSES.includes(status))
      throw new DomainError('validation', 'error.validation', {}, [{ field: 'status', key: 'field.enum' }]);
    const back = safeNext(str(b, 'back'), '/staff/referrals');
    const detailed = (DETAILED as readonly string[]).includes(status);
    const v = Object.fromEntries(
      ['interviewAt', 'place', 'startDate', 'employmentType', 'wageType', 'wage', 'note'].map((k) => [
        k,
        str(b, k),
      ]),
    );
    if (detailed && str(b, 'details') !== '1') {
      return detailsPage(req, reply, status as 'interview' | 'hired', {}, back);
    }
    const change: StatusChange = { status, note: v.note || undefined };
    if (status === 'interview')
      Object.assign(change, { interviewAt: v.interviewAt, place: v.place || undefined });
    if (status === 'hired') {
      const wage = v.wage === '' ? undefined : Number(v.wage);
      Object.assign(change, {
        startDate: v.startDate || undefined,
        employmentType: v.employmentType || undefined,
        wageType: (v.wageType || undefined) as StatusChange['wageType'],
        wage: wage !== undefined && Number.isFinite(wage) ? wage : wage === undefined ? undefined : -1,
      });
    }
    try {
      await changeStatus(ctx.db, { kind: 'user', actor, ip: req.ip }, uuidParam(req), change);
    } catch (err) {
      if (!detailed) throw err;
      return detailsPage(req, reply, status as 'interview' | 'hired', v, back, fieldErrors(err, req.lang));
    }
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}moved=1`, 303);
  });
}
