import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  Select,
  str,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission } from '../../web/page.tsx';
import { scopedCentreTree } from '../accounts/centres.service.ts';
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
// and land on its desk page. Staff file it under their own centre; an admin, whose scope is
// every centre (and who may have none of their own), chooses the centre on the form.

defineMessages({
  'pgn.title': ['프로그램 개설', 'Set up a programme'],
  'pgn.create': ['개설하기', 'Set it up'],
  'pgn.centre': ['운영 센터', 'Centre'],
  'pgn.centreHint': [
    '프로그램을 운영하는 센터입니다. 그 센터의 휴무일이 일정에서 빠집니다.',
    'The centre running the programme; its closed days are left out of the schedule.',
  ],
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

type Centres = { id: string; name: string; depth: number }[];

export function registerProgrammeNewPages(app: Server, ctx: AppContext) {
  /** The centres an admin chooses from (every centre, in tree order); none for other staff. */
  async function centreChoices(actor: Actor): Promise<Centres> {
    return actor.centreScope === null ? scopedCentreTree(ctx.db, actor) : [];
  }

  function page(
    req: FastifyRequest,
    reply: FastifyReply,
    form: { v: ProgrammeValues; centres: Centres; centreId: string },
    problem?: { form: string; fields: FieldErrors },
  ) {
    const L = req.lang;
    const { v, centres } = form;
    const e = problem ? formErrors(problem.fields) : {};
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgn.title')} nav="/staff/programmes">
        <h1>{t(L, 'pgn.title')}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={e} /> : null}
        <form method="post" action="/staff/programmes/new" id="programme-form">
          <Csrf token={req.csrfToken} />
          {centres.length ? (
            <Select
              lang={L}
              name="centreId"
              label={t(L, 'pgn.centre')}
              hint={t(L, 'pgn.centreHint')}
              value={form.centreId}
              error={e.centreId}
              required
              options={centres.map((c) => ({ value: c.id, label: `${'· '.repeat(c.depth)}${c.name}` }))}
            />
          ) : null}
          <ProgrammeFields L={L} v={v} e={e} />
          <button type="submit">{t(L, 'pgn.create')}</button>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/programmes/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'programmes.manage');
    const centres = await centreChoices(actor);
    return page(req, reply, { v: blankProgramme(), centres, centreId: actor.centreId ?? '' });
  });

  app.post('/staff/programmes/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'programmes.manage');
    const body = formBody(req);
    const v = readProgrammeForm(body);
    const centres = await centreChoices(actor);
    // An admin's choice must be one of the centres offered; anyone else files under their own.
    const picked = str(body, 'centreId');
    const centreId = centres.length ? (centres.find((c) => c.id === picked)?.id ?? null) : actor.centreId;
    try {
      const { input, skipped } = await programmeFromForm(ctx.db, centreId, v);
      const p = await createProgramme(requestContext(ctx.db, req), {
        ...input,
        ...(centres.length && centreId ? { centreId } : {}),
      });
      return reply.redirect(`/staff/programmes/${p.id}?created=${skipped.length}`, 303);
    } catch (err) {
      return page(req, reply, { v, centres, centreId: picked }, fieldErrors(err, req.lang));
    }
  });
}
