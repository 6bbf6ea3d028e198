import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { regionOptions } from '../../web/codes.tsx';
import {
  bindFields,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formValues,
  Input,
  Select,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { LoginFields } from '../../web/login-fields.tsx';
import { formToken, pageOpts } from '../../web/page.tsx';
import { startSession } from '../accounts/session-start.service.ts';
import './employers.pages.messages.ts';
import { signupEmployer } from './employers.portal.ts';

function SignupPage({
  req,
  token,
  v,
  errors,
  message,
}: {
  req: FastifyRequest;
  token: string;
  v: Record<string, string>;
  errors: FieldErrors;
  message?: string;
}) {
  const L = req.lang;
  const field = bindFields(L, v, errors);
  return (
    <Layout req={req} title={t(L, 'pe.signup')}>
      <h1>{t(L, 'pe.signup')}</h1>
      <p>{t(L, 'pe.signupIntro')}</p>
      <ErrorSummary lang={L} message={message} errors={errors} />
      <form method="post" action="/employer/signup" novalidate>
        <Csrf token={token} />
        <fieldset>
          <legend>{t(L, 'pe.company')}</legend>
          <div class="grid">
            <Input {...field('name', 'pe.name')} required autocomplete="organization" />
            <Input
              {...field('bizRegNo', 'pe.bizRegNo')}
              hint={t(L, 'pe.bizHint')}
              required
              inputMode="numeric"
            />
            <Select {...field('regionCode', 'pe.region')} options={regionOptions(L)} required />
            <Input {...field('address', 'pe.address')} autocomplete="street-address" />
            <Input {...field('contacts.0.name', 'pe.contactName')} autocomplete="name" />
            <Input {...field('contacts.0.phone', 'pe.contactPhone')} type="tel" autocomplete="tel" />
            <Input {...field('contacts.0.email', 'pe.contactEmail')} type="email" autocomplete="email" />
            <Input
              {...field('claimCode', 'pe.claimCode')}
              hint={t(L, 'pe.claimCodeHint')}
              autocomplete="off"
            />
          </div>
        </fieldset>
        <LoginFields
          lang={L}
          legend={t(L, 'pe.account')}
          loginLabel={t(L, 'pe.login')}
          passwordLabel={t(L, 'pe.password')}
          login={v.login}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">{t(L, 'pe.submitSignup')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** Portal employer sign-up: the company and its first login together, then signed in. */
export function registerEmployerSignupPages(app: Server, ctx: AppContext): void {
  app.get('/employer/signup', pageOpts, async (req, reply) => {
    if (req.actor?.role === 'employer') return reply.redirect('/employer', 303);
    return renderPage(reply, <SignupPage req={req} token={formToken(req, reply)} v={{}} errors={{}} />);
  });

  app.post('/employer/signup', pageOpts, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const v: Record<string, string> = formValues(b, [
      'name',
      'bizRegNo',
      'regionCode',
      'address',
      'contacts.0.name',
      'contacts.0.phone',
      'contacts.0.email',
      'claimCode',
      'login',
    ]);
    const contact = {
      name: v['contacts.0.name'] ?? '',
      phone: v['contacts.0.phone'] ?? '',
      email: v['contacts.0.email'] ?? '',
    };
    try {
      await signupEmployer(
        ctx.db,
        { dataKey: ctx.dataKey, ip: req.ip },
        {
          name: v.name ?? '',
          bizRegNo: (v.bizRegNo ?? '').replace(/\D/g, ''),
          regionCode: v.regionCode ?? '',
          address: v.address || null,
          contacts: contact.name || contact.phone || contact.email ? [contact] : [],
          login: v.login ?? '',
          password: b.password ?? '',
          claimCode: v.claimCode || undefined,
        },
      );
      await startSession(ctx, req, reply, { login: v.login ?? '', password: b.password ?? '' });
      return reply.redirect('/employer?welcome=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(
        reply,
        <SignupPage req={req} token={formToken(req, reply)} v={v} errors={e.fields} message={e.form} />,
        400,
      );
    }
  });
}
