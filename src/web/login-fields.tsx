import type { Lang } from '../platform/i18n/i18n.ts';
import { type FieldErrors, Input } from './forms.tsx';

/** The login and new-password fieldset of the portal sign-up forms (the password is never re-shown). */
export function LoginFields({
  lang: L,
  legend,
  loginLabel,
  passwordLabel,
  login,
  errors,
}: {
  lang: Lang;
  legend: string;
  loginLabel: string;
  passwordLabel: string;
  login?: string;
  errors: FieldErrors;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="grid">
        <Input
          lang={L}
          name="login"
          label={loginLabel}
          value={login}
          error={errors.login}
          required
          autocomplete="username"
        />
        <Input
          lang={L}
          name="password"
          type="password"
          label={passwordLabel}
          error={errors.password}
          required
          autocomplete="new-password"
        />
      </div>
    </fieldset>
  );
}
