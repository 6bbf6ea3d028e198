import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { invalid } from '../platform/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import {
  Check,
  type FieldErrors,
  fieldErrors,
  fieldId,
  formBody,
  list,
  type Option,
  Select,
  str,
} from './forms.tsx';
import { Notice, renderPage } from './layout.tsx';

// The "secret shown once" admin forms (partner API keys, webhook endpoints): a form that
// creates something for a centre with a set of checked options, and an answer that shows the
// new secret a single time, never cached.

/** What such a page is drawn with: the form's values and errors, or the secret just made. */
export interface SecretFormState {
  values?: Record<string, string | string[]>;
  errors?: FieldErrors;
  message?: string;
  /** The secret to show this once. */
  secret?: string;
  /** The sentence above it (already translated). */
  secretNotice?: string;
}

/** The secret with its sentence ("copy it now: it cannot be shown again"). */
export function SecretShownOnce({ state }: { state: SecretFormState }) {
  if (!state.secret) return null;
  return (
    <Notice kind="ok">
      <p>{state.secretNotice}</p>
      <p>
        <code class="secret">{state.secret}</code>
      </p>
    </Notice>
  );
}

/** The centre whose subtree the thing acts in (a required choice). */
export function CentreSelect(props: {
  lang: Lang;
  label: string;
  state: SecretFormState;
  centres: readonly { id: string; name: string }[];
}) {
  return (
    <Select
      lang={props.lang}
      name="centreId"
      label={props.label}
      value={str(props.state.values ?? {}, 'centreId')}
      error={props.state.errors?.centreId}
      required
      options={props.centres.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

/** A fieldset of checkboxes (scopes, event types), checked as the form was sent. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  state: SecretFormState;
  options: Option[];
}) {
  const chosen = new Set(list(props.state.values ?? {}, props.name));
  const error = props.state.errors?.[props.name];
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {error ? <p class="field-error">{error}</p> : null}
      <div class="krds-check-area checks">
        {props.options.map((o) => (
          <Check
            key={o.value}
            id={fieldId(`${props.name}.${o.value}`)}
            name={props.name}
            value={o.value}
            checked={chosen.has(o.value)}
            label={o.label}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** The checked values of `name` that are among `allowed`. */
export function checkedOf<T extends string>(
  body: Record<string, string | string[]>,
  name: string,
  allowed: readonly T[],
): T[] {
  return list(body, name).filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/**
 * POST of such a form: `create` reads the body and returns the page state with the new secret
 * (or throws a field error, re-drawn with what was typed). The text fields in `required`, a
 * centre and at least one checked option of `checks` are required before `create` runs. The
 * answer with the secret is 201 and `no-store`.
 */
export async function postSecretForm(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: {
    required: string[];
    /** The checkbox group that needs one allowed value checked. */
    checks: { name: string; allowed: readonly string[] };
    /** Further problems of the body (checked with the required ones). */
    problems?: (body: Record<string, string | string[]>) => { field: string; key: 'field.invalid' }[];
    create: (body: Record<string, string | string[]>) => Promise<SecretFormState>;
    page: (state: SecretFormState) => Promise<VNode>;
  },
) {
  const body = formBody(req);
  try {
    const problems: { field: string; key: 'field.required' | 'field.invalid' }[] = [];
    for (const f of opts.required) if (!str(body, f)) problems.push({ field: f, key: 'field.required' });
    if (!/^[0-9a-f-]{36}$/i.test(str(body, 'centreId')))
      problems.push({ field: 'centreId', key: 'field.required' });
    if (checkedOf(body, opts.checks.name, opts.checks.allowed).length === 0)
      problems.push({ field: opts.checks.name, key: 'field.required' });
    problems.push(...(opts.problems?.(body) ?? []));
    if (problems.length) throw invalid(problems);
    const state = await opts.create(body);
    return secretAnswer(reply, await opts.page(state), 201);
  } catch (err) {
    const e = fieldErrors(err, req.lang);
    return renderPage(reply, await opts.page({ values: body, errors: e.fields, message: e.form }), 400);
  }
}

/** A page that holds a secret: shown on this answer only, never cached. */
export function secretAnswer(reply: FastifyReply, page: VNode, status = 200) {
  reply.header('cache-control', 'no-store');
  return renderPage(reply, page, status);
}
