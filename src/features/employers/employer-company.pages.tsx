import type { FastifyRequest } from 'fastify';
import { isOccupationEdition } from '../../codes/occupations.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  codeName,
  codeOptions,
  OccupationList,
  OccupationPicker,
  occupationFromPicker,
  regionOptions,
} from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import {
  bindFields,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formValues,
  Input,
  list,
  Select,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { pageNo, pageOpts, pageWindow, query, requirePermission } from '../../web/page.tsx';
import {
  createPosting,
  type getPosting,
  listPostings,
  type PostingInput,
} from '../postings/postings.service.ts';
import { registerEmployerPostingEditPages } from './employer-posting-edit.pages.tsx';
import './employers.pages.messages.ts';
import { wageText } from '../../web/posting-summary.tsx';
import { getEmployer } from './employers.service.ts';

type Posting = Awaited<ReturnType<typeof getPosting>>;

export const num0 = (s: string) =>
  /^\d+$/.test(s.replace(/[,\s]/g, '')) ? Number(s.replace(/[,\s]/g, '')) : Number.NaN;

export function PostingForm({
  req,
  v,
  errors,
  action = '/employer/postings',
  submit = 'pe.newPosting',
}: {
  req: FastifyRequest;
  v: Record<string, string>;
  errors: FieldErrors;
  action?: string;
  submit?: string;
}) {
  const L = req.lang;
  const field = bindFields(L, v, errors);
  return (
    <form method="post" action={action} novalidate id="posting-form">
      <Csrf token={req.csrfToken} />
      <ErrorSummary lang={L} errors={errors} />
      <div class="grid">
        <Input lang={L} name="title" label={t(L, 'pe.title')} value={v.title} error={errors.title} required />
        <OccupationPicker
          {...field('occupationCode', 'pe.occupation')}
          editionName="occupationEdition"
          edition={isOccupationEdition(v.occupationEdition) ? v.occupationEdition : undefined}
          listId="occupations-list"
          required
        />
        <OccupationList
          id="occupations-list"
          edition={isOccupationEdition(v.occupationEdition) ? v.occupationEdition : '2025'}
          lang={L}
        />
        <Input {...field('headcount', 'pe.headcount', '1')} inputMode="numeric" required />
        <Select
          {...field('employmentType', 'pe.employmentType')}
          options={codeOptions('employment-types', L)}
          required
        />
        <Select {...field('wageType', 'pe.wageType', 'M')} options={codeOptions('wage-types', L)} required />
        <Input {...field('wageMin', 'pe.wageMin')} inputMode="numeric" required />
        <Input {...field('wageMax', 'pe.wageMax')} inputMode="numeric" />
        <Select {...field('workDays', 'pe.workDays')} options={codeOptions('work-days', L)} />
        <Input {...field('workHours', 'pe.workHours')} />
        <Select {...field('regionCode', 'pe.workRegion')} options={regionOptions(L)} required />
        <Select
          {...field('educationMin', 'pe.education', '00')}
          options={codeOptions('education', L)}
          required
        />
        <Select {...field('career.type', 'pe.career', 'Z')} options={codeOptions('careers', L)} required />
        <Input {...field('closesAt', 'pe.closesAt')} type="date" required />
      </div>
      <Textarea {...field('duties', 'pe.duties')} required />
      <div class="actions">
        <button type="submit">{t(L, submit)}</button>
      </div>
    </form>
  );
}

/** The posting form's values (to show again) and the posting they describe. */
export function postingFromForm(b: Record<string, string>, employerId: string) {
  const v: Record<string, string> = formValues(b, [
    'title',
    'occupationCode',
    'occupationEdition',
    'duties',
    'headcount',
    'employmentType',
    'wageType',
    'wageMin',
    'wageMax',
    'workDays',
    'workHours',
    'regionCode',
    'educationMin',
    'career.type',
    'closesAt',
  ]);
  const input = {
    employerId,
    title: v.title,
    // The picker posts "1555 환경공학 기술자 및 연구원" in the current edition (2025).
    occupationEdition: isOccupationEdition(v.occupationEdition) ? v.occupationEdition : '2025',
    occupationCode: occupationFromPicker(
      v.occupationCode ?? '',
      isOccupationEdition(v.occupationEdition) ? v.occupationEdition : '2025',
    ),
    duties: v.duties,
    headcount: num0(v.headcount ?? ''),
    employmentType: v.employmentType,
    wageType: v.wageType,
    wageMin: num0(v.wageMin ?? ''),
    wageMax: v.wageMax ? num0(v.wageMax) : null,
    workDays: v.workDays || null,
    workHours: v.workHours || null,
    regionCode: v.regionCode,
    educationMin: v.educationMin,
    career: { type: v['career.type'] },
    certificates: list(b, 'certificates'),
    closesAt: v.closesAt,
  } as unknown as PostingInput;
  return { v, input };
}

/** Why a counsellor rejected or returned the posting, and (returned) the way to fix it. */
function ReviewNote({ review, id, L }: { review: NonNullable<Posting['review']>; id: string; L: Lang }) {
  return (
    <div class={review.decision === 'rejected' ? 'notice error' : 'notice info'}>
      <p>
        {t(L, review.decision === 'rejected' ? 'pe.rejectedOn' : 'pe.returnedOn', {
          date: koDate(review.at, L),
        })}
      </p>
      <p>
        {t(L, 'pe.reason')}: {review.reason}
      </p>
      {review.decision === 'returned' ? (
        <p>
          <a href={`/employer/postings/${id}/edit`}>{t(L, 'pe.fixAndResubmit')}</a>
        </p>
      ) : (
        <p class="muted">{t(L, 'pe.rejectedNext')}</p>
      )}
    </div>
  );
}

/** The employer's own company page: its postings and the form submitting a new one. */
export function registerEmployerCompanyPages(app: Server, ctx: AppContext): void {
  async function companyPage(req: FastifyRequest, v: Record<string, string>, errors: FieldErrors) {
    const actor = requirePermission(req, 'postings.write');
    const L = req.lang;
    const employer = await getEmployer(
      ctx.db,
      { dataKey: ctx.dataKey, ip: req.ip },
      actor,
      actor.employerId ?? '',
    );
    const mine = await listPostings(ctx.db, actor, { employerId: employer.id, ...pageWindow(pageNo(req)) });
    const q = query(req);
    return (
      <Layout req={req} title={t(L, 'pe.my')}>
        <h1>{employer.name}</h1>
        {q.welcome ? <Notice kind="ok">{t(L, 'pe.welcome')}</Notice> : null}
        {q.submitted ? <Notice kind="ok">{t(L, 'pe.submitted')}</Notice> : null}
        {q.resubmitted ? <Notice kind="ok">{t(L, 'pe.resubmitted')}</Notice> : null}
        <p class="muted">
          {t(L, 'pe.bizRegNo')}: {employer.bizRegNo} · {codeName('regions', employer.regionCode, L)}
        </p>
        <p>
          <a href="/employer/events">{t(L, 'pe.eventSlots')}</a>
          {' · '}
          <a href="/employer/hiring-hall">{t(L, 'hhe.title')}</a>
          {' · '}
          <a href="/me/notifications">{t(L, 'pe.notifications')}</a>
        </p>
        <h2>{t(L, 'pe.postings')}</h2>
        {mine.items.length === 0 ? <p>{t(L, 'web.empty')}</p> : null}
        <ul class="cards">
          {mine.items.map((p) => (
            <li class="card" key={p.id}>
              <h3>
                <a href={`/jobs/${p.id}`}>{p.title}</a>
              </h3>
              <p>
                <span class="tag strong">{t(L, `pp.status.${p.status}`)}</span>
              </p>
              {p.review ? <ReviewNote review={p.review} id={p.id} L={L} /> : null}
              <p>{wageText(p, L)}</p>
              <p class="muted">
                {t(L, 'pe.closesAt')}: {koDate(p.closesAt, L)}
              </p>
            </li>
          ))}
        </ul>
        <Pager req={req} page={pageNo(req)} pageSize={20} total={mine.total} />
        <h2 id="new-posting">{t(L, 'pe.newPosting')}</h2>
        <PostingForm req={req} v={v} errors={errors} />
      </Layout>
    );
  }

  app.get('/employer', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.write');
    if (actor.role !== 'employer') return reply.redirect('/staff/postings', 303);
    return renderPage(reply, await companyPage(req, {}, {}));
  });

  app.post('/employer/postings', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.write');
    const b = (req.body ?? {}) as Record<string, string>;
    const { v, input } = postingFromForm(b, actor.employerId ?? '');
    try {
      await createPosting(ctx.db, actor, input);
      return reply.redirect('/employer?submitted=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await companyPage(req, v, e.fields), 400);
    }
  });

  registerEmployerPostingEditPages(app, ctx);
}
