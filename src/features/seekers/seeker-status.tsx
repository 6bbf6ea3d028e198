import type { FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type FieldErrors, keyOptions, Select, Textarea } from '../../web/forms.tsx';
import { Notice } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { seoul } from '../../web/page.tsx';
import '../employments/employments.messages.ts';
import './seekers.pages.messages.ts';
import { nextStatuses, type SeekerStatus, STATUS_REASON_MAX, type statusHistory } from './status.service.ts';

// The status block of a seeker's staff page (seeker-detail.pages.tsx): the form that moves the
// seeker through the lifecycle (status.service.ts keeps the rules) and the history below it.

export type StatusHistory = Awaited<ReturnType<typeof statusHistory>>;

/** A history reason as words: hires record `employment:<route>` (employments.record.ts). */
function reasonText(L: FastifyRequest['lang'], reason: string | null): string {
  const hire = /^employment:(referral|self|event|public_job)$/.exec(reason ?? '');
  return hire ? t(L, 'ps.statusByHire', { route: t(L, `employment.route.${hire[1]}`) }) : (reason ?? '');
}

/** Current status, the change form (when the actor may change it) and the history, newest first. */
export function StatusSection({
  req,
  id,
  status,
  history,
  v,
  errors,
  changed,
}: {
  req: FastifyRequest;
  id: string;
  status: SeekerStatus;
  history: StatusHistory;
  v: Record<string, string>;
  errors: FieldErrors;
  changed: boolean;
}) {
  const L = req.lang;
  const choices = nextStatuses(status);
  return (
    <section id="status" aria-labelledby="status-h">
      <h2 id="status-h">{t(L, 'ps.statusSection')}</h2>
      {changed ? (
        <Notice kind="ok">{t(L, 'ps.statusChanged', { status: t(L, `ps.status.${status}`) })}</Notice>
      ) : null}
      <p>
        {t(L, 'ps.statusNow')}: <strong>{t(L, `ps.status.${status}`)}</strong>
      </p>
      <form method="post" action={`/staff/seekers/${id}/status`} id="status-form" novalidate>
        <Csrf token={req.csrfToken} />
        <ErrorSummary
          lang={L}
          errors={errors}
          labels={{ status: t(L, 'ps.newStatus'), reason: t(L, 'ps.statusReason') }}
        />
        <Select
          lang={L}
          name="status"
          label={t(L, 'ps.newStatus')}
          value={v.status && choices.includes(v.status as SeekerStatus) ? v.status : undefined}
          options={keyOptions(L, choices, 'ps.status')}
          error={errors.status}
          required
        />
        <Textarea
          lang={L}
          name="reason"
          label={t(L, 'ps.statusReason')}
          hint={t(L, 'ps.statusReasonHint')}
          value={v.reason}
          error={errors.reason}
          rows={2}
          maxLength={STATUS_REASON_MAX}
          required
        />
        <div class="actions">
          <button type="submit">{t(L, 'ps.changeStatus')}</button>
        </div>
      </form>
      <h3 id="status-history-h">{t(L, 'ps.statusHistory')}</h3>
      {history.length === 0 ? (
        <p class="muted">{t(L, 'ps.noStatusHistory')}</p>
      ) : (
        <StackTable
          lang={L}
          columns={['ps.changedAt', 'ps.fromStatus', 'ps.toStatus', 'ps.statusReason', 'ps.changedBy']}
        >
          {history.map((h) => (
            <tr key={h.id}>
              <td data-label={t(L, 'ps.changedAt')}>{seoul(h.changedAt)}</td>
              <td data-label={t(L, 'ps.fromStatus')}>
                {h.fromStatus ? t(L, `ps.status.${h.fromStatus}`) : ''}
              </td>
              <td data-label={t(L, 'ps.toStatus')}>{t(L, `ps.status.${h.toStatus}`)}</td>
              <td data-label={t(L, 'ps.statusReason')}>{reasonText(L, h.reason)}</td>
              <td data-label={t(L, 'ps.changedBy')}>{h.changedByName ?? ''}</td>
            </tr>
          ))}
        </StackTable>
      )}
    </section>
  );
}
