import type { ComponentChildren } from 'preact';

const badges = { error: 'danger', ok: 'ok', info: 'info' } as const;

/**
 * A message box in KRDS's alert markup (krds-critical-alerts: a coloured badge naming the kind —
 * 오류, 완료, 안내 — beside the text). The badge's word is drawn by app.css in the page's
 * language and hidden from screen readers, which hear the box's role (alert for errors, status
 * otherwise) and the text; so the box's text is the message alone. `notice <kind>` stays for pages and tests that find
 * a message by it.
 */
export function Alert({
  kind,
  id,
  focus,
  children,
}: {
  kind: 'ok' | 'error' | 'info';
  id?: string;
  /** Focusable by script (the error summary is focused after a failed post). */
  focus?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`krds-critical-alerts notice ${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      id={id}
      tabIndex={focus ? -1 : undefined}
    >
      <div class="critical-ban">
        <span class={`critical-badge ${badges[kind]}`} aria-hidden="true" />
        <div class="critical-txt">{children}</div>
      </div>
    </div>
  );
}
