import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Check, CheckGroup, Csrf, fieldErrors, list, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { SUIT_CATEGORIES, SUIT_GENDERS, type SuitCategory, type SuitGender } from './bookings.codes.ts';
import { addDays } from './bookings.slots.ts';
import {
  createSuitItem,
  createSuitRental,
  listSuitItems,
  listSuitRentals,
  returnSuitRental,
  suitStock,
} from './suits.service.ts';

// /staff/suits: the suit desk (OpenCloset's 대여·반납 in one page): stock by size band, free
// items to lend as a set, open rentals with their due day (overdue first) and the return button.

defineMessages({
  'su.title': ['면접정장 대여 창구', 'Suit desk'],
  'su.stock': ['사이즈별 재고', 'Stock by size band'],
  'su.category': ['품목', 'Item'],
  'su.gender': ['구분', 'For'],
  'su.band': ['사이즈', 'Size band'],
  'su.free': ['대여 가능', 'Free'],
  'su.out': ['대여 중', 'Out'],
  'su.add': ['품목 등록', 'Add an item'],
  'su.code': ['관리번호', 'Code'],
  'su.size': ['사이즈', 'Size'],
  'su.save': ['등록', 'Add'],
  'su.lend': ['대여', 'Lend'],
  'su.seeker': ['구직자 ID', 'Seeker id'],
  'su.seekerHint': ['구직자 화면 주소의 ID', 'The id in the seeker page address'],
  'su.items': ['대여할 품목', 'Items to lend'],
  'su.from': ['대여일', 'From'],
  'su.due': ['반납 예정일', 'Due'],
  'su.open': ['대여 중 (반납 예정일 순)', 'Out now (by due day)'],
  'su.return': ['반납', 'Return'],
  'su.overdue': ['연체', 'Overdue'],
  'su.none': ['없음', 'None'],
  'su.done': ['처리했습니다.', 'Done.'],
  'su.who': ['대여자', 'Borrower'],
  'su.hidden': ['(열람 권한 없음)', '(not visible to you)'],
});

export function registerSuitPages(app: Server, ctx: AppContext) {
  async function page(req: FastifyRequest, notice?: { kind: 'ok' | 'error'; text: string }) {
    const { L, q } = pageGuard(req, 'suits.manage');
    const rc = requestContext(ctx.db, req);
    const [stock, free, open] = await Promise.all([
      suitStock(rc),
      listSuitItems(rc, { available: true, offset: 0, limit: 100 }),
      listSuitRentals(rc, { open: true, offset: 0, limit: 100 }),
    ]);
    const labels = await seekerLabels(rc, { ids: open.items.map((r) => r.seekerId) });
    const today = seoulToday();
    return (
      <Layout req={req} title={t(L, 'su.title')} nav="/staff">
        <h1>{t(L, 'su.title')}</h1>
        {q.done ? <Notice kind="ok">{t(L, 'su.done')}</Notice> : null}
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <section aria-labelledby="su-open">
          <h2 id="su-open">{t(L, 'su.open')}</h2>
          {open.items.length === 0 ? <p class="muted">{t(L, 'su.none')}</p> : null}
          <ul class="cards">
            {open.items.map((r) => {
              const s = labels.get(r.seekerId);
              return (
                <li class="card" key={r.id}>
                  <p>
                    {s ? `${s.name} (${s.registrationNo})` : t(L, 'su.hidden')} · {koDate(r.from, L)} →{' '}
                    {koDate(r.dueOn, L)}{' '}
                    {r.overdue ? <span class="tag bad">{t(L, 'su.overdue')}</span> : null}
                  </p>
                  <p>{r.items.map((i) => `${i.code} ${i.categoryName} ${i.size}`).join(', ')}</p>
                  <form method="post" action={`/staff/suits/rentals/${r.id}/return`} class="inline">
                    <Csrf token={req.csrfToken} />
                    <button type="submit">{t(L, 'su.return')}</button>
                  </form>
                </li>
              );
            })}
          </ul>
        </section>
        <section aria-labelledby="su-lend">
          <h2 id="su-lend">{t(L, 'su.lend')}</h2>
          <form method="post" action="/staff/suits/rentals">
            <Csrf token={req.csrfToken} />
            <label for="su-seeker">{t(L, 'su.seeker')}</label>
            <input
              id="su-seeker"
              name="seekerId"
              required
              value={q.seekerId ?? ''}
              aria-describedby="su-seeker-hint"
            />
            <p id="su-seeker-hint" class="muted">
              {t(L, 'su.seekerHint')}
            </p>
            <CheckGroup name="itemIds" id="su-items" legend={t(L, 'su.items')}>
              {free.items.map((i) => (
                <Check
                  key={i.id}
                  id={`su-i-${i.id}`}
                  name="itemIds"
                  value={i.id}
                  label={`${i.code} ${i.categoryName} ${i.genderName} ${i.size}`}
                />
              ))}
            </CheckGroup>
            <label for="su-from">{t(L, 'su.from')}</label>
            <input id="su-from" type="date" name="from" value={today} required />
            <label for="su-due">{t(L, 'su.due')}</label>
            <input id="su-due" type="date" name="dueOn" value={addDays(today, 3)} required />
            <div class="actions">
              <button type="submit">{t(L, 'su.lend')}</button>
            </div>
          </form>
        </section>
        <section aria-labelledby="su-stock">
          <h2 id="su-stock">{t(L, 'su.stock')}</h2>
          <StackTable lang={L} columns={['su.category', 'su.gender', 'su.band', 'su.free', 'su.out']}>
            {stock.map((b) => (
              <tr key={`${b.category}${b.gender}${b.band}`}>
                <td data-label={t(L, 'su.category')}>{b.categoryName}</td>
                <td data-label={t(L, 'su.gender')}>{b.genderName}</td>
                <td data-label={t(L, 'su.band')}>{b.band}</td>
                <td data-label={t(L, 'su.free')}>{b.free}</td>
                <td data-label={t(L, 'su.out')}>{b.out}</td>
              </tr>
            ))}
          </StackTable>
        </section>
        <section aria-labelledby="su-add">
          <h2 id="su-add">{t(L, 'su.add')}</h2>
          <form method="post" action="/staff/suits/items">
            <Csrf token={req.csrfToken} />
            <label for="su-code">{t(L, 'su.code')}</label>
            <input id="su-code" name="code" required maxLength={40} />
            <label for="su-cat">{t(L, 'su.category')}</label>
            <select id="su-cat" name="category">
              {Object.entries(SUIT_CATEGORIES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v[L === 'en' ? 1 : 0]}
                </option>
              ))}
            </select>
            <label for="su-gender">{t(L, 'su.gender')}</label>
            <select id="su-gender" name="gender">
              {Object.entries(SUIT_GENDERS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v[L === 'en' ? 1 : 0]}
                </option>
              ))}
            </select>
            <label for="su-size">{t(L, 'su.size')}</label>
            <input id="su-size" name="size" required maxLength={20} />
            <div class="actions">
              <button type="submit">{t(L, 'su.save')}</button>
            </div>
          </form>
        </section>
      </Layout>
    );
  }

  const fail = async (req: FastifyRequest, err: unknown) => {
    const e = fieldErrors(err, req.lang);
    return page(req, { kind: 'error', text: [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ') });
  };

  app.get('/staff/suits', pageOpts, async (req, reply) => renderPage(reply, await page(req)));
  app.post('/staff/suits/items', pageOpts, async (req, reply) => {
    requirePermission(req, 'suits.manage');
    const b = (req.body ?? {}) as Record<string, string | string[]>;
    try {
      await createSuitItem(requestContext(ctx.db, req), {
        code: str(b, 'code'),
        category: (str(b, 'category') in SUIT_CATEGORIES ? str(b, 'category') : 'other') as SuitCategory,
        gender: (str(b, 'gender') in SUIT_GENDERS ? str(b, 'gender') : 'u') as SuitGender,
        size: str(b, 'size'),
      });
    } catch (err) {
      return renderPage(reply, await fail(req, err), 400);
    }
    return reply.redirect('/staff/suits?done=1', 303);
  });
  app.post('/staff/suits/rentals', pageOpts, async (req, reply) => {
    requirePermission(req, 'suits.manage');
    const b = (req.body ?? {}) as Record<string, string | string[]>;
    const ids = list(b, 'itemIds').filter((x) => /^[0-9a-f-]{36}$/i.test(x));
    const seekerId = str(b, 'seekerId').trim();
    try {
      if (!/^[0-9a-f-]{36}$/i.test(seekerId) || ids.length === 0) {
        throw invalid([{ field: ids.length ? 'seekerId' : 'itemIds', key: 'field.required' }]);
      }
      await createSuitRental(requestContext(ctx.db, req), {
        seekerId,
        itemIds: ids,
        from: str(b, 'from'),
        dueOn: str(b, 'dueOn'),
      });
    } catch (err) {
      const status =
        (err as { code?: string }).code === 'conflict'
          ? 409
          : (err as { code?: string }).code === 'not_found'
            ? 404
            : 400;
      return renderPage(reply, await fail(req, err), status);
    }
    return reply.redirect('/staff/suits?done=1', 303);
  });
  app.post('/staff/suits/rentals/:id/return', pageOpts, async (req, reply) => {
    requirePermission(req, 'suits.manage');
    try {
      await returnSuitRental(requestContext(ctx.db, req), { id: uuidParam(req) });
    } catch (err) {
      return renderPage(reply, await fail(req, err), 409);
    }
    return reply.redirect('/staff/suits?done=1', 303);
  });
}
