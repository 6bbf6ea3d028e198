import type { ComponentChildren } from 'preact';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Csrf, ErrorSummary, Select, Textarea } from '../../web/forms.tsx';
import { Notice } from '../../web/layout.tsx';
import { nameOf, REQUEST_STATUSES, type RequestStatus } from './outreach.codes.ts';
import type { getRequest } from './requests.service.ts';
import './outreach.pages.messages.ts';

// One admin support request as the staff board (requests.pages.tsx) and a 부서 담당자
// (requests.department.pages.tsx) see it: heading, facts, history and the form moving it on.
// Each page decides which moves and extra fields it offers.

export type RequestView = Awaited<ReturnType<typeof getRequest>>;
export type MoveFormState = {
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
};

export function RequestDetail(props: {
  r: RequestView;
  L: Lang;
  notice?: string;
  /** The department line (the board shows it; a department knows its own name). */
  withDepartment?: boolean;
}) {
  const { r, L } = props;
  return (
    <>
      <h1>
        {r.employerName} <span class="tag">{r.statusName}</span>{' '}
        {r.overdue ? <span class="tag bad">{t(L, 'op.overdue')}</span> : null}
      </h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <dl class="facts">
        <dt>{t(L, 'op.category')}</dt>
        <dd>{r.categoryName}</dd>
        <dt>{t(L, 'op.description')}</dt>
        <dd>{r.description}</dd>
        {props.withDepartment ? (
          <>
            <dt>{t(L, 'op.department')}</dt>
            <dd>
              {r.departmentName} {r.departmentPhone ? <span class="muted">{r.departmentPhone}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t(L, 'op.received')}</dt>
        <dd>{koDate(r.receivedAt, L, true)}</dd>
        <dt>{t(L, 'op.due')}</dt>
        <dd id="due">{koDate(r.dueAt, L, true)}</dd>
        {r.answer ? (
          <>
            <dt>{t(L, 'op.answer')}</dt>
            <dd id="answer">{r.answer}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t(L, 'op.history')}</h2>
      <ol class="timeline">
        {r.events.map((e) => (
          <li key={e.id}>
            <strong>{e.statusName}</strong> <span class="muted">{koDate(e.at, L, true)}</span>
            {e.note ? <p>{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The move form: the next status among `next`, a required note, and the page's extra fields. */
export function MoveForm(props: {
  action: string;
  next: readonly RequestStatus[];
  L: Lang;
  csrf: string | null | undefined;
  state?: MoveFormState;
  hint?: string;
  noteRows?: number;
  children?: ComponentChildren;
}) {
  const { L } = props;
  const mv = props.state?.values ?? {};
  const me = props.state?.errors ?? {};
  return (
    <form method="post" action={props.action} novalidate id="move-form">
      <h2>{t(L, 'op.move')}</h2>
      {props.hint ? <p class="muted">{props.hint}</p> : null}
      <Csrf token={props.csrf} />
      <ErrorSummary lang={L} message={props.state?.message} errors={me} />
      <Select
        lang={L}
        name="status"
        label={t(L, 'op.nextStatus')}
        value={mv.status}
        empty={false}
        options={props.next.map((s) => ({ value: s, label: nameOf(REQUEST_STATUSES, s, L) }))}
      />
      <Textarea
        lang={L}
        name="note"
        label={t(L, 'op.note')}
        value={mv.note}
        error={me.note}
        rows={props.noteRows ?? 3}
        maxLength={4000}
        required
      />
      {props.children}
      <button type="submit">{t(L, 'op.move')}</button>
    </form>
  );
}
