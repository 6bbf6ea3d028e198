import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { registerAdminSection } from '../../web/admin-sections.ts';
import { regionName } from '../../web/codes.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formValues,
  Input,
  keyOptions,
  Select,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { num, pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import type { CentreTable } from './accounts.tables.ts';
import { createCentre, scopedCentreTree, updateCentre } from './centres.service.ts';

// /staff/admin/centres (issue 15): the centres tree of the reader's scope — kind and region in
// Korean, the main number printed on the 알선장, enabled staff per centre, a link to each
// centre's targets. Managers and admins set the number (centres.settings, within their
// scope); admins add centres (centres.manage). Both go through centres.service.

const KINDS: readonly CentreTable['kind'][] = ['province', 'city', 'centre', 'university', 'agency'];

defineMessages({
  'ce.title': ['센터 조직도', 'Centres'],
  'ce.text': [
    '광역·시군구 일자리센터와 소속 기관의 구조, 대표 전화, 직원 수를 봅니다.',
    'The tree of centres with their main numbers and staff.',
  ],
  'ce.lead': [
    '담당 범위의 센터를 위에서 아래로 보여 줍니다. 대표 전화는 알선장에 인쇄되니 바뀌면 바로 고쳐 주세요.',
    'The centres of your scope from the top down. The main number is printed on referral letters: keep it current.',
  ],
  'ce.name': ['센터', 'Centre'],
  'ce.kind': ['구분', 'Kind'],
  'ce.region': ['지역', 'Region'],
  'ce.phone': ['대표 전화', 'Main number'],
  'ce.staff': ['직원', 'Staff'],
  'ce.staffCount': ['{n}명', '{n}'],
  'ce.targets': ['목표', 'Targets'],
  'ce.targetsOf': ['{name} 연간 목표', 'Targets of {name}'],
  'ce.savePhone': ['전화 저장', 'Save number'],
  'ce.noPhone': ['(없음)', '(none)'],
  'ce.saved': ['저장했습니다.', 'Saved.'],
  'ce.created': ['센터를 추가했습니다.', 'Centre added.'],
  'ce.empty': [
    '담당 범위에 센터가 없습니다. 시스템 관리자에게 센터 배정을 요청하세요.',
    'No centre is in your scope; ask an administrator to assign one.',
  ],
  'ce.new': ['센터 추가', 'Add a centre'],
  'ce.parent': ['상위 기관', 'Parent'],
  'ce.noParent': ['(최상위)', '(top level)'],
  'ce.regionCode': ['지역 코드 (시도 2자리 또는 시군구 5자리)', 'Region code (2 or 5 digits)'],
  'ce.create': ['추가', 'Add'],
  'ce.kind.province': ['광역 일자리센터', 'Province'],
  'ce.kind.city': ['시군구 일자리센터', 'City or district'],
  'ce.kind.centre': ['일자리센터', 'Job centre'],
  'ce.kind.university': ['대학일자리플러스센터', 'University centre'],
  'ce.kind.agency': ['위탁 기관', 'Contracted agency'],
});

registerAdminSection({
  href: '/staff/admin/centres',
  title: 'ce.title',
  text: 'ce.text',
  permission: 'centres.read',
});

/** Registers /staff/admin/centres (GET: the tree; POST: a centre's number; POST /new: a centre). */
export function registerCentrePages(app: Server, ctx: AppContext): void {
  async function page(
    req: FastifyRequest,
    v: Record<string, string> = {},
    errors: FieldErrors = {},
    form = '',
  ) {
    const actor = requirePermission(req, 'centres.read');
    const L = req.lang;
    const q = query(req);
    const tree = await scopedCentreTree(ctx.db, actor);
    const edits = can(actor, 'centres.settings');
    const adds = can(actor, 'centres.manage');
    return (
      <Layout req={req} title={t(L, 'ce.title')} nav="/staff/admin">
        <h1>{t(L, 'ce.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/centres" />
        <p class="muted">{t(L, 'ce.lead')}</p>
        {q.saved ? <Notice kind="ok">{t(L, 'ce.saved')}</Notice> : null}
        {q.created ? <Notice kind="ok">{t(L, 'ce.created')}</Notice> : null}
        {form && form !== 'new' ? <Notice kind="error">{Object.values(errors)[0] ?? ''}</Notice> : null}
        {tree.length === 0 ? <p class="empty">{t(L, 'ce.empty')}</p> : null}
        {tree.length ? (
          <StackTable
            lang={L}
            columns={['ce.name', 'ce.kind', 'ce.region', 'ce.phone', 'ce.staff', 'ce.targets']}
          >
            {tree.map((c) => (
              <tr key={c.id}>
                <td data-label={t(L, 'ce.name')} class={`tree-cell depth-${Math.min(c.depth, 4)}`}>
                  {c.name}
                </td>
                <td data-label={t(L, 'ce.kind')}>{t(L, `ce.kind.${c.kind}`)}</td>
                <td data-label={t(L, 'ce.region')}>{regionName(c.regionCode, L)}</td>
                <td data-label={t(L, 'ce.phone')}>
                  {edits ? (
                    <form method="post" action={`/staff/admin/centres/${c.id}`} class="inline-form">
                      <Csrf token={req.csrfToken} />
                      <label for={`phone-${c.id}`} class="visually-hidden">
                        {t(L, 'ce.phone')}: {c.name}
                      </label>
                      <input
                        id={`phone-${c.id}`}
                        name="phone"
                        type="tel"
                        autoComplete="off"
                        maxLength={20}
                        size={13}
                        value={form === c.id ? (v.phone ?? '') : (c.phone ?? '')}
                        aria-invalid={form === c.id ? 'true' : undefined}
                      />
                      <button type="submit" class="secondary">
                        {t(L, 'ce.savePhone')}
                        <span class="visually-hidden">: {c.name}</span>
                      </button>
                    </form>
                  ) : (
                    (c.phone ?? t(L, 'ce.noPhone'))
                  )}
                </td>
                <td data-label={t(L, 'ce.staff')}>{t(L, 'ce.staffCount', { n: num(c.staff) })}</td>
                <td data-label={t(L, 'ce.targets')}>
                  <a href={`/staff/admin/targets?centreId=${c.id}`}>
                    {t(L, 'ce.targets')}
                    <span class="visually-hidden">: {t(L, 'ce.targetsOf', { name: c.name })}</span>
                  </a>
                </td>
              </tr>
            ))}
          </StackTable>
        ) : null}
        {adds ? (
          <>
            <h2 id="new-centre">{t(L, 'ce.new')}</h2>
            <form method="post" action="/staff/admin/centres/new" novalidate>
              <Csrf token={req.csrfToken} />
              <ErrorSummary lang={L} errors={form === 'new' ? errors : {}} />
              <div class="grid">
                <Input
                  lang={L}
                  name="name"
                  label={t(L, 'ce.name')}
                  value={v.name}
                  error={errors.name}
                  required
                />
                <Select
                  lang={L}
                  name="kind"
                  label={t(L, 'ce.kind')}
                  value={v.kind ?? 'centre'}
                  options={keyOptions(L, KINDS, 'ce.kind')}
                  error={errors.kind}
                  required
                />
                <Select
                  lang={L}
                  name="parentId"
                  label={t(L, 'ce.parent')}
                  value={v.parentId}
                  options={tree.map((c) => ({ value: c.id, label: c.name }))}
                  empty={t(L, 'ce.noParent')}
                  error={errors.parentId}
                />
                <Input
                  lang={L}
                  name="regionCode"
                  label={t(L, 'ce.regionCode')}
                  value={v.regionCode}
                  error={errors.regionCode}
                  inputMode="numeric"
                  maxLength={5}
                  required
                />
                <Input
                  lang={L}
                  name="phone"
                  type="tel"
                  label={t(L, 'ce.phone')}
                  value={v.phone}
                  error={errors.phone}
                  maxLength={20}
                />
              </div>
              <div class="actions">
                <button type="submit">{t(L, 'ce.create')}</button>
              </div>
            </form>
          </>
        ) : null}
      </Layout>
    );
  }

  app.get('/staff/admin/centres', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/admin/centres/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'centres.manage');
    const v = formValues((req.body ?? {}) as Record<string, string>, [
      'name',
      'kind',
      'parentId',
      'regionCode',
      'phone',
    ]);
    const errors: FieldErrors = {};
    if (!v.name.trim()) errors.name = t(req.lang, 'field.required');
    if (!(KINDS as readonly string[]).includes(v.kind)) errors.kind = t(req.lang, 'field.required');
    if (!/^\d{2}(\d{3})?$/.test(v.regionCode))
      errors.regionCode = t(req.lang, 'field.code', { code: v.regionCode });
    if (v.parentId && !/^[0-9a-f-]{36}$/i.test(v.parentId)) errors.parentId = t(req.lang, 'centre.notFound');
    if (Object.keys(errors).length) return renderPage(reply, await page(req, v, errors, 'new'), 400);
    try {
      await createCentre(ctx.db, {
        name: v.name,
        kind: v.kind as CentreTable['kind'],
        parentId: v.parentId || null,
        regionCode: v.regionCode,
        phone: v.phone || null,
      });
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const fields = Object.keys(e.fields).length ? e.fields : { name: e.form };
      return renderPage(reply, await page(req, v, fields, 'new'), 400);
    }
    return reply.redirect('/staff/admin/centres?created=1', 303);
  });

  app.post('/staff/admin/centres/:id', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'centres.settings');
    const id = uuidParam(req);
    const v = formValues((req.body ?? {}) as Record<string, string>, ['phone']);
    try {
      await updateCentre(ctx.db, actor, id, { phone: v.phone });
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      if (!Object.keys(e.fields).length) throw err;
      return renderPage(reply, await page(req, v, e.fields, id), 400);
    }
    return reply.redirect('/staff/admin/centres?saved=1', 303);
  });
}
