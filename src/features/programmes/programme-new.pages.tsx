import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type FieldErrors, fieldErrors, formBody } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission } from '../../web/page.tsx';
import {
  blankProgramme,
  ProgrammeFields,
  type ProgrammeValues,
  programmeFromForm,
  readProgrammeForm,
} from './programme-form.tsx';
import { createProgramme } from './programmes.service.ts';

// /staff/programmes/new: staff set up a programme — a cohort of a course such as the 6-week
// 취업성공 사관학교, a lecture, group counselling — with its sessions from a weekly pattern,
// and land on its desk page.

defineMessages({
  'pgn.title': ['프로그램 개설', 'Set up a programme'],
  'pgn.create': ['개설하기', 'Set it up'],
  'pgn.created': [
    '프로그램을 개설했습니다: 회차 {n}개(공휴일·휴무일로 빠진 날 {skipped}일).',
    'Programme set up with {n} sessions ({skipped} closed days skipped).',
  ],
});

/** A problem's field as the form names it (sessions come from the schedule, lists are one field). */
export function formErrors(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, msg] of Object.entries(fields)) {
    const name = k.startsWith('sessions.') ? 'firstDay' : k.replace(/\.\d+$/, '');
    out[name] ??= msg;
  }
  return out;
}

export function registerProgrammeNewPages(app: Server, ctx: AppContext) {
  function page(
    req: FastifyRequest,
    reply: FastifyReply,
    v: ProgrammeValues,
    problem?: { form: string; fields: FieldErrors },
  ) {
    const L = req.lang;
    const e = problem ? formErrors(problem.fields) : {};
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgn.title')} nav="/staff/programmes">
        <h1>{t(L, 'pgn.title')}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={e} /> : null}
        <form method="post" action="/staff/programmes/new" id="programme-form">
          <Csrf token={req.csrfToken} />
          <ProgrammeFields L={L} v={v} e={e} />
          <button type="submit">{t(L, 'pgn.create')}</button>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/programmes/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    return page(req, reply, blankProgramme());
  });

  app.post('/staff/programmes/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'programmes.manage');
    const v = readProgrammeForm(formBody(req));
    try {
      const { input, skipped } = await programmeFromForm(ctx.db, actor.centreId ?? '', v);
      const p = await createProgramme(requestContext(ctx.db, req), input);
      return reply.redirect(`/staff/programmes/${p.id}?created=${skipped.length}`, 303);
    } catch (err) {
      return page(req, reply, v, fieldErrors(err, req.lang));
    }
  });
}
