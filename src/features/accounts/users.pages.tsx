import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { type Role, roles } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { registerAdminSection } from '../../web/admin-sections.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formValues,
  Input,
  Select,
} from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageNo, pageOpts, pageWindow, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { departmentNames, departmentsForAccounts } from '../outreach/departments.service.ts';
import { centreNames, listCentres } from './centres.service.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

// /staff/admin/users (issue 15): the accounts of the reader's scope with role and centre in
// Korean; create an account, change its role or centre, disable or enable it and clear a
// lockout. Every change goes through users.service (permission log, sessions ended).

defineMessages({
  'us.title': ['사용자 관리', 'Users'],
  'us.text': [
    '직원 계정을 만들고 역할·소속 센터를 바꾸거나 사용을 중지합니다.',
    'Create staff accounts, change role or centre, disable them.',
  ],
  'us.lead': [
    '역할이나 센터를 바꾸거나 사용을 중지하면 그 사용자는 바로 로그아웃됩니다. 변경은 권한 변경 기록에 남습니다.',
    'Changing role or centre or disabling signs the user out at once; each change is logged.',
  ],
  'us.login': ['아이디', 'Login'],
  'us.name': ['이름', 'Name'],
  'us.role': ['역할', 'Role'],
  'us.centre': ['소속 센터', 'Centre'],
  'us.state': ['상태', 'State'],
  'us.active': ['사용 중', 'Active'],
  'us.disabled': ['사용 중지', 'Disabled'],
  'us.password': ['처음 비밀번호 (8자 이상)', 'First password (8 characters or more)'],
  'us.create': ['계정 만들기', 'Create the account'],
  'us.new': ['새 계정', 'New account'],
  'us.created': [
    '계정을 만들었습니다. 처음 비밀번호를 본인에게 따로 알려 주세요.',
    'Account created; tell the user the first password separately.',
  ],
  'us.changed': ['변경했습니다.', 'Changed.'],
  'us.save': ['역할·센터·전화 저장', 'Save role, centre and phone'],
  'us.workPhone': ['직통 전화 (알선장에 인쇄)', 'Work phone (printed on referral letters)'],
  'us.disable': ['사용 중지', 'Disable'],
  'us.enable': ['다시 사용', 'Enable'],
  'us.unlock': ['잠금 해제', 'Clear lockout'],
  'us.noCentre': ['(센터 없음)', '(no centre)'],
  'us.department': ['부서 (부서 담당자만)', 'Department (department officers only)'],
  'us.departmentHint': [
    '부서 담당자는 고른 부서에 배정된 행정지원 요청만 보고 회신합니다. 소속 센터는 부서의 센터가 됩니다.',
    'A department officer sees and answers only the admin requests routed to the chosen department; its centre is the department’s.',
  ],
  'us.empty': ['계정이 없습니다. 아래에서 새 계정을 만드세요.', 'No accounts; create one below.'],
});

registerAdminSection({
  href: '/staff/admin/users',
  title: 'us.title',
  text: 'us.text',
  permission: 'users.manage',
});

const STAFF: readonly Role[] = ['admin', 'manager', 'counsellor', 'outreach'];
/** Roles made on this screen: staff, and 부서 담당자 bound to a department (never changed later). */
const MADE_HERE: readonly Role[] = [...STAFF, 'department'];

/** Registers /staff/admin/users and its actions. */
export function registerUserPages(app: Server, ctx: AppContext): void {
  async function page(
    req: FastifyRequest,
    v: Record<string, string> = {},
    errors: FieldErrors = {},
    form = '',
  ) {
    const actor = requirePermission(req, 'users.manage');
    const L = req.lang;
    const q = query(req);
    const page = pageNo(req);
    const r = await listUsers(ctx.db, actor, pageWindow(page));
    const centres = (await listCentres(ctx.db, { offset: 0, limit: 500 })).items;
    const names = await centreNames(
      ctx.db,
      r.items.map((u) => u.centreId).filter((x): x is string => Boolean(x)),
    );
    const [departments, deptNames] = await Promise.all([
      departmentsForAccounts(ctx.db, actor),
      departmentNames(
        ctx.db,
        r.items.map((u) => u.departmentId).filter((x): x is string => Boolean(x)),
      ),
    ]);
    const roleOptions = roles
      .filter((x) => STAFF.includes(x) && (actor.role === 'admin' || x !== 'admin'))
      .map((x) => ({ value: x, label: t(L, `web.role.${x}`) }));
    const newRoleOptions = roles
      .filter((x) => MADE_HERE.includes(x) && (actor.role === 'admin' || x !== 'admin'))
      .map((x) => ({ value: x, label: t(L, `web.role.${x}`) }));
    const centreName = new Map(centres.map((c) => [c.id, c.name]));
    const departmentOptions = departments.map((d) => ({
      value: d.id,
      label: `${d.name} (${centreName.get(d.centreId) ?? ''})`,
    }));
    const centreOptions = centres.map((c) => ({ value: c.id, label: c.name }));
    return (
      <Layout req={req} title={t(L, 'us.title')} nav="/staff/admin">
        <h1>{t(L, 'us.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/users" />
        <p class="muted">{t(L, 'us.lead')}</p>
        {q.created ? <Notice kind="ok">{t(L, 'us.created')}</Notice> : null}
        {q.changed ? <Notice kind="ok">{t(L, 'us.changed')}</Notice> : null}
        {form && form !== 'new' ? <Notice kind="error">{Object.values(errors)[0] ?? ''}</Notice> : null}
        {r.items.length === 0 ? <p class="empty">{t(L, 'us.empty')}</p> : null}
        <StackTable lang={L} columns={['us.login', 'us.name', 'us.role', 'us.centre', 'us.state']}>
          {r.items.map((u) => (
            <tr key={u.id}>
              <td data-label={t(L, 'us.login')}>{u.login}</td>
              <td data-label={t(L, 'us.name')}>{u.name}</td>
              <td data-label={t(L, 'us.role')}>
                {STAFF.includes(u.role as Role) ? (
                  <form method="post" action={`/staff/admin/users/${u.id}`} class="inline-form">
                    <Csrf token={req.csrfToken} />
                    <label for={`role-${u.id}`} class="visually-hidden">
                      {t(L, 'us.role')}: {u.login}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {roleOptions.map((o) => (
                        <option key={o.value} value={o.value} selected={o.value === u.role}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <label for={`centre-${u.id}`} class="visually-hidden">
                      {t(L, 'us.centre')}: {u.login}
                    </label>
                    <select id={`centre-${u.id}`} name="centreId">
                      {centreOptions.map((o) => (
                        <option key={o.value} value={o.value} selected={o.value === u.centreId}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <label for={`phone-${u.id}`} class="visually-hidden">
                      {t(L, 'us.workPhone')}: {u.login}
                    </label>
                    <input
                      id={`phone-${u.id}`}
                      name="workPhone"
                      type="tel"
                      autoComplete="off"
                      maxLength={20}
                      size={13}
                      value={u.workPhone ?? ''}
                      placeholder="02-000-0000"
                    />
                    <button type="submit" class="secondary">
                      {t(L, 'us.save')}
                      <span class="visually-hidden">: {u.login}</span>
                    </button>
                  </form>
                ) : (
                  t(L, `web.role.${u.role}`)
                )}
              </td>
              <td data-label={t(L, 'us.centre')}>
                {u.centreId ? (names.get(u.centreId) ?? '') : t(L, 'us.noCentre')}
                {u.departmentId ? ` · ${deptNames.get(u.departmentId) ?? ''}` : ''}
              </td>
              <td data-label={t(L, 'us.state')}>
                {t(L, u.disabled ? 'us.disabled' : 'us.active')}
                <form method="post" action={`/staff/admin/users/${u.id}`} class="inline-form">
                  <Csrf token={req.csrfToken} />
                  <button
                    type="submit"
                    name="action"
                    value={u.disabled ? 'enable' : 'disable'}
                    class="secondary"
                  >
                    {t(L, u.disabled ? 'us.enable' : 'us.disable')}
                    <span class="visually-hidden">: {u.login}</span>
                  </button>
                  <button type="submit" name="action" value="unlock" class="secondary">
                    {t(L, 'us.unlock')}
                    <span class="visually-hidden">: {u.login}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </StackTable>
        <Pager req={req} page={page} pageSize={20} total={r.total} />
        <h2 id="new-user">{t(L, 'us.new')}</h2>
        <form method="post" action="/staff/admin/users" novalidate>
          <Csrf token={req.csrfToken} />
          <ErrorSummary lang={L} errors={form === 'new' ? errors : {}} />
          <div class="grid">
            <Input
              lang={L}
              name="login"
              label={t(L, 'us.login')}
              value={v.login}
              error={errors.login}
              required
            />
            <Input lang={L} name="name" label={t(L, 'us.name')} value={v.name} error={errors.name} required />
            <Input
              lang={L}
              name="password"
              type="password"
              autocomplete="new-password"
              label={t(L, 'us.password')}
              error={errors.password}
              required
            />
            <Select
              lang={L}
              name="role"
              label={t(L, 'us.role')}
              value={v.role ?? 'counsellor'}
              options={newRoleOptions}
              error={errors.role}
              required
            />
            <Select
              lang={L}
              name="centreId"
              label={t(L, 'us.centre')}
              value={v.centreId ?? actor.centreId ?? ''}
              options={centreOptions}
              error={errors.centreId}
            />
            <Select
              lang={L}
              name="departmentId"
              label={t(L, 'us.department')}
              hint={t(L, 'us.departmentHint')}
              value={v.departmentId}
              options={departmentOptions}
              error={errors.departmentId}
            />
            <Input
              lang={L}
              name="workPhone"
              type="tel"
              label={t(L, 'us.workPhone')}
              value={v.workPhone}
              error={errors.workPhone}
              maxLength={20}
            />
          </div>
          <div class="actions">
            <button type="submit">{t(L, 'us.create')}</button>
          </div>
        </form>
      </Layout>
    );
  }

  app.get('/staff/admin/users', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/admin/users', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'users.manage');
    const b = (req.body ?? {}) as Record<string, string>;
    const v = formValues(b, ['login', 'name', 'role', 'centreId', 'departmentId', 'workPhone']);
    const role = (roles as readonly string[]).includes(v.role ?? '') ? (v.role as Role) : ('' as Role);
    try {
      await createUser(ctx.db, actor, {
        login: v.login ?? '',
        name: v.name ?? '',
        password: String(b.password ?? ''),
        role,
        centreId: v.centreId || null,
        // The department list is sent with every role; it binds only a 부서 담당자.
        departmentId: role === 'department' ? v.departmentId || null : null,
        workPhone: v.workPhone || null,
      });
      return reply.redirect('/staff/admin/users?created=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const fields = Object.keys(e.fields).length ? e.fields : { login: e.form };
      return renderPage(reply, await page(req, v, fields, 'new'), 400);
    }
  });

  app.post('/staff/admin/users/:id', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'users.manage');
    const id = uuidParam(req);
    const b = (req.body ?? {}) as Record<string, string>;
    const action = String(b.action ?? '');
    const role = String(b.role ?? '');
    const patch =
      action === 'disable'
        ? { disabled: true }
        : action === 'enable'
          ? { disabled: false }
          : action === 'unlock'
            ? { unlock: true }
            : {
                role: (roles as readonly string[]).includes(role) ? (role as Role) : undefined,
                centreId: /^[0-9a-f-]{36}$/i.test(String(b.centreId ?? '')) ? String(b.centreId) : undefined,
                workPhone: typeof b.workPhone === 'string' ? b.workPhone : undefined,
              };
    try {
      await updateUser(ctx.db, actor, id, patch);
      return reply.redirect('/staff/admin/users?changed=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const fields = Object.keys(e.fields).length ? e.fields : { form: e.form };
      return renderPage(reply, await page(req, {}, fields, id), 400);
    }
  });
}
