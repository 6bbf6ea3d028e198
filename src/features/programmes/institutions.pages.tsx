import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { clientIp } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  fieldId,
  formBody,
  Input,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { formToken, pageOpts } from '../../web/page.tsx';
import { publicCentres } from '../accounts/centres.service.ts';
import { INSTITUTION_KINDS, type InstitutionKind } from './programmes.codes.ts';
import { submitRequest } from './requests.service.ts';

// /institutions: the public request form for schools, army units, companies and agencies (no
// login; CSRF by the anonymous form token; at most 5 requests an hour per address), answered
// with a confirmation page that shows the reference number.

defineMessages({
  'ins.title': ['기관 프로그램 요청', 'Ask for a programme'],
  'ins.intro': [
    '학교·군부대·기업·기관에서 취업캠프, 전역예정장병 상담, 직업 특강 등을 요청할 수 있습니다. 담당자가 확인 후 연락드립니다.',
    'Schools, army units, companies and agencies can ask for a job camp, counselling or a lecture. We will call you back.',
  ],
  'ins.centre': ['요청할 센터', 'Centre'],
  'ins.institutionName': ['기관명', 'Institution'],
  'ins.institutionKind': ['기관 유형', 'Kind of institution'],
  'ins.contactName': ['담당자 이름', 'Contact name'],
  'ins.contactPhone': ['담당자 연락처', 'Contact phone'],
  'ins.contactEmail': ['이메일(선택)', 'E-mail (optional)'],
  'ins.topic': ['요청 내용(주제)', 'Topic'],
  'ins.dates': ['희망일(최대 3개)', 'Preferred dates (up to 3)'],
  'ins.headcount': ['예상 인원', 'Expected participants'],
  'ins.message': ['전달 사항(선택)', 'Message (optional)'],
  'ins.send': ['요청 보내기', 'Send the request'],
  'ins.done': ['요청이 접수되었습니다', 'Your request has been received'],
  'ins.reference': ['접수 번호: {no}', 'Reference number: {no}'],
  'ins.keep': [
    '접수 번호를 메모해 두세요. 문의하실 때 이 번호를 말씀해 주시면 됩니다.',
    'Keep this number; quote it when you call us.',
  ],
});

type Values = Record<string, string>;
const FIELDS = [
  'centreId',
  'institutionName',
  'institutionKind',
  'contactName',
  'contactPhone',
  'contactEmail',
  'topic',
  'headcount',
  'message',
] as const;

export function registerInstitutionPages(app: Server, ctx: AppContext) {
  async function form(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values = {},
    errors: FieldErrors = {},
    message = '',
  ) {
    const L = req.lang;
    const centres = (await publicCentres(ctx.db, { offset: 0, limit: 100 })).items;
    const field = (name: (typeof FIELDS)[number]) => ({
      lang: L,
      name,
      label: t(L, `ins.${name}`),
      value: values[name] ?? '',
      error: errors[name],
    });
    const datesError = errors.preferredDates;
    return (
      <Layout req={req} title={t(L, 'ins.title')}>
        <h1>{t(L, 'ins.title')}</h1>
        <p>{t(L, 'ins.intro')}</p>
        {message || Object.keys(errors).length ? (
          <ErrorSummary lang={L} message={message} errors={errors} />
        ) : null}
        <form method="post" action="/institutions">
          <Csrf token={formToken(req, reply)} />
          <Select
            lang={L}
            name="centreId"
            label={t(L, 'ins.centre')}
            value={values.centreId}
            required
            empty={false}
            options={centres.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Input {...field('institutionName')} required maxLength={200} />
          <Select
            {...field('institutionKind')}
            empty={false}
            options={(Object.keys(INSTITUTION_KINDS) as InstitutionKind[]).map((k) => ({
              value: k,
              label: INSTITUTION_KINDS[k][L === 'en' ? 1 : 0],
            }))}
          />
          <Input {...field('contactName')} required maxLength={100} autocomplete="name" />
          <Input {...field('contactPhone')} type="tel" required inputMode="tel" autocomplete="tel" />
          <Input {...field('contactEmail')} type="email" autocomplete="email" />
          <Input {...field('topic')} required maxLength={300} />
          <fieldset
            id={fieldId('preferredDates')}
            class={datesError ? 'form-group invalid' : 'form-group'}
            aria-describedby={datesError ? `${fieldId('preferredDates')}-error` : undefined}
          >
            <legend>{t(L, 'ins.dates')}</legend>
            <div class="form-conts">
              {[0, 1, 2].map((i) => (
                <input
                  key={String(i)}
                  id={fieldId(`preferredDates.${i}`)}
                  name="preferredDates"
                  type="date"
                  aria-label={`${t(L, 'ins.dates')} ${i + 1}`}
                  aria-invalid={datesError ? 'true' : undefined}
                  value={values[`d${i}`] ?? ''}
                  required={i === 0}
                />
              ))}
            </div>
            {datesError ? (
              <p class="form-hint-invalid" id={`${fieldId('preferredDates')}-error`}>
                {datesError}
              </p>
            ) : null}
          </fieldset>
          <Input {...field('headcount')} type="number" required min={1} max={5000} inputMode="numeric" />
          <Textarea {...field('message')} rows={3} maxLength={2000} />
          <button type="submit">{t(L, 'ins.send')}</button>
        </form>
      </Layout>
    );
  }

  app.get('/institutions', pageOpts, async (req, reply) => renderPage(reply, await form(req, reply)));

  app.post('/institutions', pageOpts, async (req, reply) => {
    const body = formBody(req);
    const values: Values = Object.fromEntries(FIELDS.map((f) => [f, str(body, f)]));
    const dates = ([] as string[]).concat(body.preferredDates ?? []).filter((d) => d);
    dates.forEach((d, i) => {
      values[`d${i}`] = d;
    });
    try {
      const r = await submitRequest(
        {
          db: ctx.db,
          lang: req.lang,
          ip: clientIp(req),
          dataKey: ctx.dataKey,
          actorId: req.actor?.userId ?? null,
        },
        {
          centreId: /^[0-9a-f-]{36}$/i.test(values.centreId ?? '')
            ? (values.centreId as string)
            : '00000000-0000-0000-0000-000000000000',
          institutionName: values.institutionName ?? '',
          institutionKind: ((values.institutionKind ?? '') in INSTITUTION_KINDS
            ? values.institutionKind
            : 'other') as InstitutionKind,
          contactName: values.contactName ?? '',
          contactPhone: values.contactPhone ?? '',
          contactEmail: values.contactEmail || null,
          topic: values.topic ?? '',
          preferredDates: dates,
          headcount: Math.max(1, Math.min(5000, Number.parseInt(values.headcount ?? '', 10) || 1)),
          message: values.message || null,
        },
      );
      const L = req.lang;
      return renderPage(
        reply,
        <Layout req={req} title={t(L, 'ins.done')}>
          <h1>{t(L, 'ins.done')}</h1>
          <Notice kind="ok">
            <strong id="reference-no">{t(L, 'ins.reference', { no: r.referenceNo })}</strong>
          </Notice>
          <p>{t(L, 'ins.keep')}</p>
        </Layout>,
        201,
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'rate_limited') {
        reply.header('retry-after', String(err.extra.retryAfter ?? 3600));
      }
      const e = fieldErrors(err, req.lang);
      const status = err instanceof DomainError && err.code === 'rate_limited' ? 429 : 400;
      if (!(err instanceof DomainError)) throw err;
      return renderPage(reply, await form(req, reply, values, e.fields, e.form), status);
    }
  });
}
