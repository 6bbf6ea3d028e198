import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { Alert } from '../../web/alert.tsx';
import { koDate } from '../../web/dates.ts';
import { type FieldErrors, fieldErrors } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { getPosting, type PostingInput, updatePosting } from '../postings/postings.service.ts';
import { PostingForm, postingFromForm } from './employer-company.pages.tsx';
import './employers.pages.messages.ts';

type Posting = Awaited<ReturnType<typeof getPosting>>;

/** The form's strings of a stored posting. */
function formOf(p: Posting): Record<string, string> {
  return {
    title: p.title,
    occupationCode: p.occupationCode,
    occupationEdition: p.occupationEdition,
    duties: p.duties,
    headcount: String(p.headcount),
    employmentType: p.employmentType,
    wageType: p.wageType,
    wageMin: String(p.wageMin),
    wageMax: p.wageMax == null ? '' : String(p.wageMax),
    workDays: p.workDays ?? '',
    workHours: p.workHours ?? '',
    regionCode: p.regionCode,
    educationMin: p.educationMin,
    'career.type': p.career.type,
    closesAt: p.closesAt,
  };
}

/**
 * /employer/postings/{id}/edit: the employer fixes a posting a counsellor returned for changes,
 * with the reason above the form; saving resubmits it (postings service: pending again).
 */
export function registerEmployerPostingEditPages(app: Server, ctx: AppContext): void {
  async function editPage(req: FastifyRequest, p: Posting, v: Record<string, string>, errors: FieldErrors) {
    const L = req.lang;
    return (
      <Layout req={req} title={t(L, 'pe.edit')} nav="/employer">
        <p>
          <a href="/employer">{t(L, 'pe.back')}</a>
        </p>
        <h1>
          {t(L, 'pe.edit')}: {p.title}
        </h1>
        {p.review ? (
          <Alert kind="info">
            <p>{t(L, 'pe.returnedOn', { date: koDate(p.review.at, L) })}</p>
            <p>
              {t(L, 'pe.reason')}: {p.review.reason}
            </p>
          </Alert>
        ) : null}
        <PostingForm
          req={req}
          v={v}
          errors={errors}
          action={`/employer/postings/${p.id}/edit`}
          submit="pe.resubmit"
        />
      </Layout>
    );
  }

  async function returned(req: FastifyRequest) {
    const actor = requirePermission(req, 'postings.write');
    const p = await getPosting(ctx.db, actor, uuidParam(req));
    // Only the employer's own returned postings are fixed here; anything else goes back home.
    const ok = actor.role === 'employer' && p.employerId === actor.employerId && p.status === 'returned';
    return { actor, p, ok };
  }

  app.get('/employer/postings/:id/edit', pageOpts, async (req, reply) => {
    const { p, ok } = await returned(req);
    if (!ok) return reply.redirect('/employer', 303);
    return renderPage(reply, await editPage(req, p, formOf(p), {}));
  });

  app.post('/employer/postings/:id/edit', pageOpts, async (req, reply) => {
    const { actor, p, ok } = await returned(req);
    if (!ok) return reply.redirect('/employer', 303);
    const { v, input } = postingFromForm((req.body ?? {}) as Record<string, string>, p.employerId);
    const { employerId: _e, certificates: _c, ...patch } = input as PostingInput;
    try {
      await updatePosting(ctx.db, actor, p.id, patch);
      return reply.redirect('/employer?resubmitted=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await editPage(req, p, v, e.fields), 400);
    }
  });
}
