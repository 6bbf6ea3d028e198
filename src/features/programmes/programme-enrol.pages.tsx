import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { queryTokens } from '../../platform/search/tokenize.ts';
import { Csrf, fieldErrors, formBody, Input, str } from '../../web/forms.tsx';
import { renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { listSeekers, seekerLabels } from '../seekers/seekers.service.ts';
import { cancelEnrolment, enrol } from './enrolments.service.ts';
import { requireProgramme } from './programmes.service.ts';

// A counsellor enrols a seeker from the programme's desk page: the seekers feature's search
// box finds them (name, phone or its last four digits, 구직번호, birth date; only seekers the
// access rule lets this counsellor see, each view logged), and a button enrols them — with a
// place, or on the waiting list when the programme is full. A roster row's button cancels an
// enrolment; the freed place goes to the next person waiting.

defineMessages({
  'pge.title': ['참가자 등록', 'Enrol a participant'],
  'pge.find': [
    '구직자 찾기(이름·전화번호·구직번호·생년월일)',
    'Find a job seeker (name, phone, reg. no., birth date)',
  ],
  'pge.findHint': [
    '전화번호는 전체 또는 끝 4자리로 찾습니다. 볼 수 있는 구직자만 나옵니다.',
    'A whole phone number or its last 4 digits. Only job seekers you may see are listed.',
  ],
  'pge.search': ['찾기', 'Find'],
  'pge.none': ['찾는 구직자가 없습니다.', 'No job seeker found.'],
  'pge.ended': [
    '끝난 프로그램이라 참가자를 더 등록할 수 없습니다.',
    'The programme has ended; no one more can be enrolled.',
  ],
  'pge.col.regNo': ['구직번호', 'Reg. no.'],
  'pge.col.name': ['이름', 'Name'],
  'pge.col.birthDate': ['생년월일', 'Date of birth'],
  'pge.col.action': ['등록', 'Enrol'],
  'pge.enrol': ['등록', 'Enrol'],
  'pge.enrolOf': ['{name} 등록', 'Enrol {name}'],
  'pge.already': ['이미 신청함: {status}', 'Already enrolled: {status}'],
  'pge.withheld': ['(이름 비공개)', '(name withheld)'],
  'pge.registered': ['{name}님을 참가 확정으로 등록했습니다.', '{name} is enrolled with a place.'],
  'pge.waitlisted': [
    '정원이 차서 {name}님을 대기자로 등록했습니다(대기 {position}번). 자리가 나면 순서대로 올라갑니다.',
    'The programme is full: {name} is on the waiting list (no. {position}) and moves up when a place frees.',
  ],
  'pge.err.duplicate': [
    '이 구직자는 이미 이 프로그램에 신청되어 있습니다. 참가자 명단을 확인하세요.',
    'This job seeker is already enrolled in this programme; see the roster.',
  ],
  'pge.err.notVisible': [
    '이 구직자를 찾을 수 없거나 등록할 권한이 없습니다(다른 센터 구직자는 정보 제공 동의가 있어야 합니다).',
    'This job seeker cannot be found or enrolled by you (another centre’s seeker needs a sharing consent).',
  ],
  'pge.err.ended': [
    '이미 끝난 프로그램이라 등록할 수 없습니다.',
    'The programme has ended; no one can be enrolled.',
  ],
  'pge.cancelled': ['{name}님의 신청을 취소했습니다.', 'The enrolment of {name} is cancelled.'],
  'pge.cancelledPromoted': [
    '{name}님의 신청을 취소했습니다. 대기자 {next}님에게 자리가 넘어갔습니다.',
    'The enrolment of {name} is cancelled; the place went to {next} from the waiting list.',
  ],
  'pge.err.cancelNotFound': [
    '이 프로그램의 신청을 찾을 수 없습니다.',
    'No such enrolment in this programme.',
  ],
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff words for the refusals a desk enrolment or cancellation meets. */
const STAFF_ERRORS: Record<string, string> = {
  'enrolment.duplicate': 'pge.err.duplicate',
  'seeker.notFound': 'pge.err.notVisible',
  'programme.ended': 'pge.err.ended',
  'enrolment.notFound': 'pge.err.cancelNotFound',
};

type Found = Awaited<ReturnType<typeof listSeekers>>['items'];
type Live = { seekerId: string; statusName: string }[];

/** What the desk page shows in its enrol section. */
export interface EnrolState {
  /** The search box's text (empty: nothing searched). */
  find: string;
  found: Found | null;
}

/** The seekers one search-box entry finds (at most 10), under the seekers feature's rules. */
export async function findForEnrol(ctx: AppContext, req: FastifyRequest, find: string): Promise<EnrolState> {
  const q = find.trim().slice(0, 200);
  if (!q || !req.actor || !can(req.actor, 'seekers.read')) return { find: q, found: null };
  // An entry the index cannot use (punctuation only, a word longer than any indexed word) would
  // search nothing and so list anyone: here it finds no one, and no one's record is opened.
  if (queryTokens(q).required.length === 0) return { find: q, found: [] };
  const r = await listSeekers(requestContext(ctx.db, req), {
    query: { q, page: 1, pageSize: 10 },
    dataKey: ctx.dataKey,
  });
  return { find: q, found: r.items };
}

export function EnrolSection(props: {
  L: Lang;
  programmeId: string;
  ended: boolean;
  state: EnrolState;
  live: Live;
  csrf: string | null | undefined;
}) {
  const { L, state } = props;
  const enrolled = new Map(props.live.map((e) => [e.seekerId, e.statusName]));
  return (
    <section aria-labelledby="enrol-h" id="enrol">
      <h2 id="enrol-h">{t(L, 'pge.title')}</h2>
      {props.ended ? (
        <p class="muted">{t(L, 'pge.ended')}</p>
      ) : (
        <>
          <form method="get" action={`/staff/programmes/${props.programmeId}#enrol`} class="search">
            <Input
              lang={L}
              name="find"
              type="search"
              label={t(L, 'pge.find')}
              hint={t(L, 'pge.findHint')}
              value={state.find}
            />
            <div class="actions">
              <button type="submit" class="secondary">
                {t(L, 'pge.search')}
              </button>
            </div>
          </form>
          {state.found === null ? null : state.found.length === 0 ? (
            <p id="enrol-found">{t(L, 'pge.none')}</p>
          ) : (
            <div id="enrol-found">
              <StackTable
                lang={L}
                columns={['pge.col.regNo', 'pge.col.name', 'pge.col.birthDate', 'pge.col.action']}
              >
                {state.found.map((s) => {
                  const name = s.name ?? t(L, 'pge.withheld');
                  const status = enrolled.get(s.id);
                  return (
                    <tr key={s.id}>
                      <td data-label={t(L, 'pge.col.regNo')}>{s.registrationNo}</td>
                      <td data-label={t(L, 'pge.col.name')}>{name}</td>
                      <td data-label={t(L, 'pge.col.birthDate')}>{s.birthDate ?? '–'}</td>
                      <td data-label={t(L, 'pge.col.action')}>
                        {status ? (
                          t(L, 'pge.already', { status })
                        ) : (
                          <form
                            method="post"
                            action={`/staff/programmes/${props.programmeId}/enrolments`}
                            class="inline"
                          >
                            <Csrf token={props.csrf} />
                            <input type="hidden" name="seekerId" value={s.id} />
                            <input type="hidden" name="find" value={state.find} />
                            <button type="submit" aria-label={t(L, 'pge.enrolOf', { name })}>
                              {t(L, 'pge.enrol')}
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </StackTable>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Renders the desk page of the request's programme with a notice and the enrol section's state. */
export type DeskRender = (
  req: FastifyRequest,
  o: { notice?: { kind: 'ok' | 'error'; text: string }; find?: string },
) => Promise<VNode>;

/** The staff words of a refusal (domain errors only; anything else is thrown on). */
function refusal(err: unknown, L: Lang): { text: string; status: number } {
  if (err instanceof DomainError && STAFF_ERRORS[err.key]) {
    return { text: t(L, STAFF_ERRORS[err.key] as string), status: err.code === 'not_found' ? 404 : 409 };
  }
  const e = fieldErrors(err, L);
  const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
  return { text, status: (err as DomainError).code === 'conflict' ? 409 : 400 };
}

export function registerProgrammeEnrolPages(app: Server, ctx: AppContext, desk: DeskRender) {
  /** The names of seekers the actor may see (seekers feature; each view access-logged). */
  async function namesOf(req: FastifyRequest, ids: string[]) {
    const labels = await seekerLabels(requestContext(ctx.db, req), { ids });
    return new Map([...labels].flatMap(([id, l]) => (l.name ? [[id, l.name] as const] : [])));
  }

  app.post('/staff/programmes/:id/enrolments', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const L = req.lang;
    const body = formBody(req);
    const seekerId = str(body, 'seekerId');
    const find = str(body, 'find');
    // The desk is its centre staff's: others are not let enrol through it (404 before anything).
    await requireProgramme(requestContext(ctx.db, req), uuidParam(req), { manage: true });
    try {
      if (!UUID.test(seekerId)) throw new DomainError('not_found', 'seeker.notFound');
      const rc = requestContext(ctx.db, req);
      const e = await enrol(rc, { programmeId: uuidParam(req), seekerId });
      const who = (await namesOf(req, [seekerId])).get(seekerId) ?? t(L, 'pge.withheld');
      const text =
        e.status === 'waitlisted'
          ? t(L, 'pge.waitlisted', { name: who, position: e.waitingPosition ?? '' })
          : t(L, 'pge.registered', { name: who });
      return renderPage(reply, await desk(req, { notice: { kind: 'ok', text } }));
    } catch (err) {
      const r = refusal(err, L);
      return renderPage(reply, await desk(req, { notice: { kind: 'error', text: r.text }, find }), r.status);
    }
  });

  app.post('/staff/programmes/:id/enrolments/:enrolmentId/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const L = req.lang;
    try {
      const r = await cancelEnrolment(requestContext(ctx.db, req), {
        id: uuidParam(req, 'enrolmentId'),
        programmeId: uuidParam(req),
      });
      const names = await namesOf(req, [r.seekerId, ...(r.promoted ? [r.promoted.seekerId] : [])]);
      const name = names.get(r.seekerId) ?? t(L, 'pge.withheld');
      const next = r.promoted ? (names.get(r.promoted.seekerId) ?? t(L, 'pge.withheld')) : null;
      const text = next ? t(L, 'pge.cancelledPromoted', { name, next }) : t(L, 'pge.cancelled', { name });
      return renderPage(reply, await desk(req, { notice: { kind: 'ok', text } }));
    } catch (err) {
      const r = refusal(err, L);
      return renderPage(reply, await desk(req, { notice: { kind: 'error', text: r.text } }), r.status);
    }
  });
}
