import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { DomainError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { Alert } from './alert.tsx';
import './messages.ts';

/** Field name → message, in the request's language. */
export type FieldErrors = Record<string, string>;

/** The element id of a form field (names may hold dots: desired.wageMin). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Normalises a problem's field path ('/desired/wageMin', 'desired.wageMin', 'careers[0]') to dots. */
function fieldName(field: string): string {
  return field
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Turns a validation DomainError into inline messages; anything else is rethrown so that
 * unexpected failures are not shown as form problems.
 */
export function fieldErrors(err: unknown, lang: Lang): { form: string; fields: FieldErrors } {
  if (!(err instanceof DomainError) || !['validation', 'conflict', 'unauthenticated'].includes(err.code)) {
    throw err;
  }
  const fields: FieldErrors = {};
  for (const f of err.fields) {
    const name = fieldName(f.field);
    fields[name] ??= t(lang, f.key, f.params);
  }
  return { form: t(lang, err.key, err.params), fields };
}

/** The hidden CSRF field every state-changing form carries. */
export function Csrf({ token }: { token: string | null | undefined }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/** Summary at the top of a form: a linked list of the problems, announced at once. */
export function ErrorSummary({
  lang,
  message,
  errors,
  labels = {},
}: {
  lang: Lang;
  message?: string;
  errors: FieldErrors;
  labels?: Record<string, string>;
}) {
  const entries = Object.entries(errors);
  if (!message && entries.length === 0) return null;
  return (
    <Alert kind="error" id="error-summary" focus>
      <p>{entries.length ? t(lang, 'web.form.errors', { count: entries.length }) : message}</p>
      {entries.length ? (
        <ul>
          {entries.map(([name, msg]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>{labels[name] ? `${labels[name]}: ${msg}` : msg}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

interface FieldProps {
  name: string;
  /** The control's id when one page has several forms with the same names; fieldId(name) otherwise. */
  id?: string;
  /** Text, or text with a visually hidden part that tells same-named fields apart (review cards). */
  label: ComponentChildren;
  lang: Lang;
  error?: string;
  hint?: string;
  required?: boolean;
  children: ComponentChildren;
}

/**
 * Label, control, hint and error wired together in KRDS's form-group markup (krds-uiux
 * html/code/text_input_state: form-tit, form-conts, then form-hint and form-hint-invalid under
 * the control); the controls point at the hint and the error with aria-describedby and say
 * aria-invalid.
 */
export function Field({ name, id: given, label, lang, error, hint, required, children }: FieldProps) {
  const id = given ?? fieldId(name);
  return (
    <div class={error ? 'form-group field invalid' : 'form-group field'}>
      <div class="form-tit">
        <label for={id}>
          {label}
          {required ? <span class="req"> {t(lang, 'web.form.required')}</span> : null}
        </label>
      </div>
      <div class={error ? 'form-conts is-error' : 'form-conts'}>{children}</div>
      {hint ? (
        <p class="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="form-hint-invalid" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface ControlProps {
  name: string;
  /** See FieldProps.id. */
  id?: string;
  label: ComponentChildren;
  lang: Lang;
  value?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
}

export function Input(
  props: ControlProps & {
    type?:
      | 'text'
      | 'password'
      | 'search'
      | 'email'
      | 'tel'
      | 'number'
      | 'date'
      | 'datetime-local'
      | 'month'
      | 'time'
      | 'url';
    autocomplete?: string;
    inputMode?: 'numeric' | 'tel' | 'email' | 'text' | 'search';
    pattern?: string;
    min?: string | number;
    max?: string | number;
    maxLength?: number;
    readOnly?: boolean;
  },
) {
  const { name, label, lang, value, error, hint, required, type = 'text', ...rest } = props;
  const id = rest.id ?? fieldId(name);
  return (
    <Field name={name} id={id} label={label} lang={lang} error={error} hint={hint} required={required}>
      <input
        {...({ type } as object)}
        class="krds-input"
        id={id}
        name={name}
        value={value ?? ''}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
        autoComplete={rest.autocomplete}
        inputMode={rest.inputMode}
        pattern={rest.pattern}
        min={rest.min}
        max={rest.max}
        maxLength={rest.maxLength}
        readOnly={rest.readOnly}
      />
    </Field>
  );
}

/** A 6-digit one-time code (TOTP): numeric keyboard, the browser's one-time-code autofill. */
export function OtpInput(props: { lang: Lang; name: string; label: string; error?: string }) {
  return <Input {...props} inputMode="numeric" autocomplete="one-time-code" maxLength={6} required />;
}

export interface Option {
  value: string;
  label: string;
}

export function Select(
  props: ControlProps & { options: Option[]; multiple?: boolean; values?: string[]; empty?: string | false },
) {
  const { name, label, lang, value, error, hint, required, options, multiple, values, empty } = props;
  const chosen = new Set(values ?? (value == null ? [] : [String(value)]));
  const id = props.id ?? fieldId(name);
  return (
    <Field name={name} id={id} label={label} lang={lang} error={error} hint={hint} required={required}>
      <select
        class="krds-form-select"
        id={id}
        name={name}
        required={required}
        multiple={multiple}
        size={multiple ? Math.min(6, options.length) : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {multiple || empty === false ? null : <option value="">{empty ?? t(lang, 'web.form.choose')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={chosen.has(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Textarea(props: ControlProps & { rows?: number; maxLength?: number }) {
  const { name, label, lang, value, error, hint, required, rows = 4, maxLength } = props;
  const id = props.id ?? fieldId(name);
  return (
    <Field name={name} id={id} label={label} lang={lang} error={error} hint={hint} required={required}>
      <textarea
        class="krds-input"
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {value ?? ''}
      </textarea>
    </Field>
  );
}

/**
 * One checkbox or radio in KRDS's markup (krds-form-check: the control, then its label, which
 * draws KRDS's box; app.css keeps the control itself over the box, transparent, so a click or
 * a key press reaches it). Several go in a `krds-check-area`.
 */
export function Check({
  id,
  name,
  value,
  checked,
  label,
  describedBy,
  required,
  type = 'checkbox',
}: CheckProps) {
  return (
    <div class="krds-form-check medium">
      <input
        {...({ type } as object)}
        id={id}
        name={name}
        value={value}
        checked={checked}
        required={required}
        aria-describedby={describedBy}
      />
      <label for={id}>{label}</label>
    </div>
  );
}

interface CheckProps {
  id: string;
  name: string;
  value?: string;
  checked?: boolean;
  label: ComponentChildren;
  /** The id of a line that describes the control (CheckLine's hint). */
  describedBy?: string;
  /** For radios: one of the group must be chosen. */
  required?: boolean;
  type?: 'checkbox' | 'radio';
}

/** One checkbox on its own line of a form, as a KRDS form group with an optional hint under it. */
export function CheckLine({ hint, ...props }: CheckProps & { hint?: ComponentChildren }) {
  const hintId = `${props.id}-hint`;
  return (
    <div class="form-group">
      <div class="krds-check-area">
        <Check {...props} describedBy={hint ? hintId : undefined} />
      </div>
      {hint ? (
        <p class="form-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A set of checkboxes or radios (Check) in a KRDS form group: the fieldset names them with its
 * legend; a hint and an error in KRDS's form-hint / form-hint-invalid, tied to the fieldset by
 * aria-describedby. The fieldset's id is fieldId(name), so an error summary's link reaches it.
 */
export function CheckGroup({
  name,
  id: given,
  legend,
  error,
  hint,
  children,
}: {
  name: string;
  id?: string;
  legend: ComponentChildren;
  error?: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
}) {
  const id = given ?? fieldId(name);
  return (
    <fieldset
      id={id}
      class={error ? 'form-group check-group invalid' : 'form-group check-group'}
      aria-describedby={describedBy(id, error, hint ? 'hint' : undefined)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p class="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div class="krds-check-area checks">{children}</div>
      {error ? (
        <p class="form-hint-invalid" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Reads a urlencoded form body as strings (repeated names become arrays). */
export function formBody(req: FastifyRequest): Record<string, string | string[]> {
  const body = (req.body ?? {}) as Record<string, string | string[]>;
  return body;
}

/** One string value of a form field, trimmed; '' when absent. */
export function str(body: Record<string, string | string[]>, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/** All values of a repeated field (checkboxes, multi-selects), or a ';'/','-separated text field. */
export function list(body: Record<string, string | string[]>, name: string): string[] {
  const v = body[name];
  const arr = Array.isArray(v) ? v : v ? [v] : [];
  return arr
    .flatMap((x) => x.split(/[;,]/))
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The named fields of a form body as trimmed strings (re-shown after a failed post). */
export function formValues<K extends string>(
  body: Record<string, string | string[]>,
  names: readonly K[],
): Record<K, string> {
  const v = {} as Record<K, string>;
  for (const k of names) v[k] = str(body, k);
  return v;
}

/** Options whose labels are messages `${prefix}.${key}` (statuses, channels, types). */
export function keyOptions(lang: Lang, keys: readonly string[], prefix: string): Option[] {
  return keys.map((k) => ({ value: k, label: t(lang, `${prefix}.${k}`) }));
}

/**
 * Binds form controls to one form's state: `field('wageMin', 'pe.wageMin')` gives the lang,
 * name, translated label, current value and error that every Input/Select/Textarea needs,
 * so a form does not restate them per field.
 */
export function bindFields(lang: Lang, values: Record<string, string | undefined>, errors: FieldErrors) {
  return (name: string, labelKey: string, fallback?: string) => ({
    lang,
    name,
    label: t(lang, labelKey),
    value: values[name] ?? fallback,
    error: errors[name],
  });
}
