import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Alert } from '../../web/alert.tsx';
import { koDate } from '../../web/dates.ts';
import { Csrf, type FieldErrors, fieldErrors, Input, keyOptions, Select } from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { SearchForm, StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, pageWindow, requirePermission, uuidParam } from '../../web/page.tsx';
import { userNames } from '../accounts/user-lookups.service.ts';
import { seekerLabels } from '../seekers/seekers.service.ts';
import {
  completeFollowup,
  type FollowupState,
  followupRecorders,
  listFollowups,
} from './followups.service.ts';

// /staff/followups (issue 15): the 1/3/6-month retention checks that are due or overdue, each
// recorded on the spot as 재직 유지, 퇴사 (with the day) or 연락 안 됨; the results feed the
// retention KPIs (reports/kpis/retention.ts). Rows stack as cards on a phone.

defineMessages({
  'fu.title': ['사후관리', 'Follow-ups'],
  'fu.intro': [
    '취업 후 1·3·6개월에 재직 여부를 확인해 기록합니다. 기록은 고용 유지율에 반영됩니다.',
    'Check at 1, 3 and 6 months after a hire whether the person is still employed; results feed the retention rates.',
  ],
  'fu.state': ['구분', 'Show'],
  'fu.state.due': ['이번 주까지 할 일', 'Due within a week'],
  'fu.state.overdue': ['기한 지남', 'Overdue'],
  'fu.state.open': ['남은 전체', 'All open'],
  'fu.state.done': ['기록 완료', 'Done'],
  'fu.counsellor': ['취업 기록 상담사', 'Hire recorded by'],
  'fu.seeker': ['구직자', 'Job seeker'],
  'fu.employer': ['사업체', 'Employer'],
  'fu.start': ['취업일', 'Started'],
  'fu.months': ['차수', 'Check'],
  'fu.monthsN': ['{n}개월', '{n} months'],
  'fu.due': ['예정일', 'Due'],
  'fu.record': ['결과 기록', 'Record'],
  'fu.result': ['결과', 'Result'],
  'fu.result.employed': ['재직 유지', 'Still employed'],
  'fu.result.left': ['퇴사', 'Left'],
  'fu.result.unknown': ['연락 안 됨', 'Unreachable'],
  'fu.leftOn': ['퇴사일 (퇴사일 때)', 'Left on (if left)'],
  'fu.note': ['메모', 'Note'],
  'fu.save': ['기록', 'Save'],
  'fu.overdue': ['기한 지남', 'Overdue'],
  'fu.recorded': ['사후관리 결과를 기록했습니다.', 'The follow-up is recorded.'],
  'fu.empty': [
    '표시할 사후관리가 없습니다. 다른 구분을 선택하거나, 취업을 기록하면 1·3·6개월 일정이 생깁니다.',
    'Nothing to show. Choose another view; recording a hire creates its 1-, 3- and 6-month checks.',
  ],
  'fu.hidden': ['(열람 권한 없음)', '(not visible to you)'],
  'fu.doneAt': ['기록일', 'Recorded'],
  'fu.all': ['전체', 'All'],
});

const STATES = ['due', 'overdue', 'open', 'done'] as const;
const RESULTS = ['employed', 'left', 'unknown'] as const;
const PAGE = 20;

type Row = Awaited<ReturnType<typeof listFollowups>>['items'][number];

function RecordForm({ req, f, q, errors }: { req: FastifyRequest; f: Row; q: string; errors?: FieldErrors }) {
  const L = req.lang;
  const id = f.id;
  return (
    <form method="post" action={`/staff/followups/${id}${q}`} class="followup-form">
      <Csrf token={req.csrfToken} />
      <Select
        lang={L}
        id={`r-${id}`}
        name="result"
        label={t(L, 'fu.result')}
        empty={false}
        options={RESULTS.map((r) => ({ value: r, label: t(L, `fu.result.${r}`) }))}
        error={errors?.result}
      />
      <Input
        lang={L}
        id={`l-${id}`}
        name="leftOn"
        type="date"
        label={t(L, 'fu.leftOn')}
        min={f.startDate}
        error={errors?.leftOn}
      />
      <Input
        lang={L}
        id={`n-${id}`}
        name="note"
        label={t(L, 'fu.note')}
        maxLength={2000}
        error={errors?.note}
      />
      <button type="submit">{t(L, 'fu.save')}</button>
    </form>
  );
}

/** Registers /staff/followups and its form post. */
export function registerFollowupPages(app: Server, ctx: AppContext): void {
  async function page(req: FastifyRequest, problem?: { id: string; message: string; fields: FieldErrors }) {
    const { actor, L, q, page: n } = pageGuard(req, 'employments.read');
    const state: FollowupState = (STATES as readonly string[]).includes(q.state ?? '')
      ? (q.state as FollowupState)
      : 'due';
    const counsellorId = /^[0-9a-f-]{36}$/i.test(q.counsellorId ?? '') ? q.counsellorId : undefined;
    const r = await listFollowups(ctx.db, actor, { state, counsellorId, ...pageWindow(n, PAGE) });
    const [seekers, recorders] = await Promise.all([
      seekerLabels(requestContext(ctx.db, req), { ids: r.items.map((f) => f.seekerId) }),
      followupRecorders(ctx.db, actor),
    ]);
    const names = await userNames(ctx.db, [...recorders, ...r.items.map((f) => f.recordedBy)]);
    const keep = new URLSearchParams({ state, ...(counsellorId ? { counsellorId } : {}) }).toString();
    const canWrite = state !== 'done' && actor.role !== 'outreach';
    return (
      <Layout req={req} title={t(L, 'fu.title')} nav="/staff">
        <h1>{t(L, 'fu.title')}</h1>
        <p>{t(L, 'fu.intro')}</p>
        {q.recorded ? <Notice kind="ok">{t(L, 'fu.recorded')}</Notice> : null}
        {problem ? (
          <Alert kind="error" id="error-summary" focus>
            <p>{problem.message}</p>
            <ul>
              {Object.entries(problem.fields).map(([field, msg]) => (
                <li key={field}>
                  <a href={`#${field === 'leftOn' ? 'l' : 'r'}-${problem.id}`}>{msg}</a>
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <SearchForm lang={L} action="/staff/followups">
          <Select
            lang={L}
            name="state"
            label={t(L, 'fu.state')}
            empty={false}
            value={state}
            options={keyOptions(L, STATES, 'fu.state')}
          />
          <Select
            lang={L}
            name="counsellorId"
            label={t(L, 'fu.counsellor')}
            empty={t(L, 'fu.all')}
            value={counsellorId}
            options={recorders.map((u) => ({ value: u, label: names.get(u) ?? u }))}
          />
        </SearchForm>
        {r.items.length === 0 ? (
          <p>{t(L, 'fu.empty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={[
              'fu.seeker',
              'fu.employer',
              'fu.start',
              'fu.months',
              state === 'done' ? 'fu.result' : 'fu.due',
              state === 'done' ? 'fu.doneAt' : 'fu.record',
            ]}
          >
            {r.items.map((f) => {
              const s = seekers.get(f.seekerId);
              return (
                <tr key={f.id}>
                  <td data-label={t(L, 'fu.seeker')}>
                    {s ? (
                      <>
                        <a href={`/staff/seekers/${f.seekerId}`}>{s.name}</a>{' '}
                        <span class="muted">{s.birthDate}</span>
                      </>
                    ) : (
                      t(L, 'fu.hidden')
                    )}
                  </td>
                  <td data-label={t(L, 'fu.employer')}>{f.employerName}</td>
                  <td data-label={t(L, 'fu.start')}>{koDate(f.startDate, L)}</td>
                  <td data-label={t(L, 'fu.months')}>{t(L, 'fu.monthsN', { n: f.months })}</td>
                  {state === 'done' ? (
                    <>
                      <td data-label={t(L, 'fu.result')}>
                        {f.result ? t(L, `fu.result.${f.result}`) : ''}
                        {f.leftOn ? ` (${koDate(f.leftOn, L)})` : ''}
                      </td>
                      <td data-label={t(L, 'fu.doneAt')}>{(f.doneAt ?? '').slice(0, 10)}</td>
                    </>
                  ) : (
                    <>
                      <td data-label={t(L, 'fu.due')}>
                        {koDate(f.dueDate, L)}{' '}
                        {f.overdue ? <span class="tag bad">{t(L, 'fu.overdue')}</span> : null}
                      </td>
                      <td data-label={t(L, 'fu.record')}>
                        {canWrite ? (
                          <RecordForm
                            req={req}
                            f={f}
                            q={`?${keep}`}
                            errors={problem?.id === f.id ? problem.fields : undefined}
                          />
                        ) : null}
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </StackTable>
        )}
        <Pager req={req} page={n} pageSize={PAGE} total={r.total} />
      </Layout>
    );
  }

  app.get('/staff/followups', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/followups/:id', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'employments.write');
    const id = uuidParam(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = (RESULTS as readonly unknown[]).includes(body.result)
      ? (body.result as (typeof RESULTS)[number])
      : null;
    try {
      // One value per field: a repeated field (a list) or an unknown result is a form error.
      const lists = ['leftOn', 'note'].filter((k) => body[k] !== undefined && typeof body[k] !== 'string');
      if (!result || lists.length)
        throw invalid(
          [...(result ? [] : ['result']), ...lists].map((field) => ({ field, key: 'error.validation' })),
        );
      await completeFollowup(
        ctx.db,
        actor,
        id,
        { result, note: (body.note as string) || undefined, leftOn: (body.leftOn as string) || undefined },
        req.ip,
      );
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await page(req, { id, message: e.form, fields: e.fields }), 400);
    }
    const q = new URLSearchParams(req.query as Record<string, string>);
    q.set('recorded', '1');
    return reply.redirect(`/staff/followups?${q.toString()}`, 303);
  });
}
