import type { ComponentChildren } from 'preact';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { Csrf, Textarea } from '../../web/forms.tsx';
import { Notice } from '../../web/layout.tsx';

/**
 * The confirm-with-a-reason form of the event desk's changes (cancel an event, cancel a booked
 * slot, withdraw a company): what the change will do, the reason that goes into the notices
 * (required, 500 characters), the confirm button and the way back.
 */
export function ReasonForm(p: {
  lang: Lang;
  action: string;
  csrf: string | null | undefined;
  notice: ComponentChildren;
  reason: string;
  error: string | undefined;
  reasonLabel: string;
  submitLabel: string;
  backHref: string;
  backLabel: string;
}) {
  return (
    <form method="post" action={p.action}>
      <Csrf token={p.csrf} />
      <Notice kind="info">{p.notice}</Notice>
      <Textarea
        lang={p.lang}
        name="reason"
        label={p.reasonLabel}
        value={p.reason}
        error={p.error}
        required
        maxLength={500}
        rows={3}
      />
      <button type="submit">{p.submitLabel}</button> <a href={p.backHref}>{p.backLabel}</a>
    </form>
  );
}
