import type { FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n/i18n.ts';
import { Check, Csrf, type FieldErrors, Input, Select, Textarea } from '../../web/forms.tsx';
import type { TemplateView } from './templates.service.ts';

/**
 * One notification template's form on /staff/admin/templates (KRDS form groups; ids carry the
 * template's key, since the page holds one form per template with the same field names).
 */
export function TemplateForm({
  req,
  tpl,
  errors,
}: {
  req: FastifyRequest;
  tpl: TemplateView;
  errors?: FieldErrors;
}) {
  const L = req.lang;
  const id = (f: string) => `${tpl.key}-${f}`;
  return (
    <form method="post" action={`/staff/admin/templates/${tpl.key}`} class="card">
      <Csrf token={req.csrfToken} />
      <h2 id={`t-${tpl.key}`}>
        {tpl.name} <span class="muted">({tpl.key})</span>
      </h2>
      <p>
        {t(L, 'np.recipient')}: {t(L, `np.recipient.${tpl.recipientKind}`)} · {t(L, 'np.fields')}:{' '}
        {tpl.variables.map((v) => `#{${v}}`).join(' ')} ·{' '}
        {tpl.alimtalkActive ? t(L, 'np.alimtalkActive') : t(L, 'np.alimtalkOff')}
      </p>
      <Input
        id={id('name')}
        lang={L}
        name="name"
        label={t(L, 'np.name')}
        value={tpl.name}
        maxLength={100}
        required
      />
      <Input
        id={id('subject')}
        lang={L}
        name="subject"
        label={t(L, 'np.subject')}
        value={tpl.subject}
        maxLength={100}
        required
        error={errors?.subject}
      />
      <Textarea
        id={id('body')}
        lang={L}
        name="body"
        label={t(L, 'np.body')}
        value={tpl.body}
        maxLength={1000}
        required
        error={errors?.body}
      />
      <Select
        id={id('category')}
        lang={L}
        name="category"
        label={t(L, 'np.category')}
        value={tpl.category}
        empty={false}
        options={(['info', 'ad'] as const).map((c) => ({
          value: c,
          label: t(L, `notification.category.${c}`),
        }))}
        error={errors?.category}
      />
      <Check id={id('urgent')} name="urgent" value="1" checked={tpl.urgent} label={t(L, 'np.urgent')} />
      <Input
        id={id('alimtalk')}
        lang={L}
        name="alimtalkTemplateId"
        label={t(L, 'np.alimtalkId')}
        value={tpl.alimtalkTemplateId ?? ''}
        maxLength={100}
        error={errors?.alimtalkTemplateId}
      />
      <div class="actions">
        <button type="submit">{t(L, 'np.save')}</button>
      </div>
    </form>
  );
}
