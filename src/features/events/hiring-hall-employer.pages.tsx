import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, type FieldErrors, fieldErrors, Input, Select, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission } from '../../web/page.tsx';
import { listPostings } from '../postings/postings.service.ts';
import { listHallRequests, requestHall } from './hiring-hall.service.ts';

// /employer/hiring-hall: a company asks the permanent hiring hall (상설채용관) for a recruitment
// for one of its open postings, with up to three preferred days, and follows its requests.

defineMessages({
  'hhe.title': ['상설채용관 채용 요청', 'Ask the hiring hall for a recruitment'],
  'hhe.intro': [
    '센터가 면접 장소를 마련하고 공고에 맞는 구직자를 추천해 면접 일정을 잡아 드립니다.',
    'The centre books an interview room, matches candidates to your posting and sets the day.',
  ],
  'hhe.posting': ['구인공고', 'Posting'],
  'hhe.date1': ['희망일 1', 'Preferred day 1'],
  'hhe.date2': ['희망일 2', 'Preferred day 2'],
  'hhe.date3': ['희망일 3', 'Preferred day 3'],
  'hhe.dates': [
    '희망일을 하나 이상, 서로 다른 날로 적으세요. 빈 칸은 무시합니다.',
    'Name one to three different days; empty boxes are ignored.',
  ],
  'hhe.headcount': ['채용 인원', 'Positions'],
  'hhe.note': ['요청 사항', 'Notes'],
  'hhe.send': ['요청하기', 'Send the request'],
  'hhe.sent': ['요청을 접수했습니다. 센터가 일정을 확정하면 알려 드립니다.', 'Request received.'],
  'hhe.mine': ['내 요청', 'My requests'],
  'hhe.noPostings': ['게시 중인 구인공고가 없습니다.', 'No open posting.'],
});

/** The preferred-day boxes of the form, in the order the company reads them. */
const DATE_BOXES = ['date1', 'date2', 'date3'] as const;

export function registerHallEmployerPages(app: Server, ctx: AppContext) {
  async function page(req: FastifyRequest, v: Record<string, string>, errors: FieldErrors, form = '') {
    const actor = requirePermission(req, 'events.take_part');
    const L = req.lang;
    const employerId = actor.employerId ?? '';
    const [postings, mine] = await Promise.all([
      listPostings(ctx.db, actor, { employerId, status: 'open', offset: 0, limit: 100 }),
      listHallRequests(requestContext(ctx.db, req)),
    ]);
    const f = (name: string) => ({ name, lang: L, value: v[name], error: errors[name] });
    const options = postings.items.map((p) => ({ value: p.id, label: p.title }));
    return (
      <Layout req={req} title={t(L, 'hhe.title')}>
        <p>
          <a href="/employer">← {t(L, 'pe.my')}</a>
        </p>
        <h1>{t(L, 'hhe.title')}</h1>
        <p>{t(L, 'hhe.intro')}</p>
        {query(req).sent ? <Notice kind="ok">{t(L, 'hhe.sent')}</Notice> : null}
        {form ? <Notice kind="error">{form}</Notice> : null}
        {options.length === 0 ? <p>{t(L, 'hhe.noPostings')}</p> : null}
        <form method="post" action="/employer/hiring-hall">
          <Csrf token={req.csrfToken} />
          <Select {...f('postingId')} label={t(L, 'hhe.posting')} options={options} required />
          <p>{t(L, 'hhe.dates')}</p>
          <Input {...f('date1')} type="date" label={t(L, 'hhe.date1')} />
          <Input {...f('date2')} type="date" label={t(L, 'hhe.date2')} />
          <Input {...f('date3')} type="date" label={t(L, 'hhe.date3')} />
          <Input
            {...f('headcount')}
            type="number"
            min={1}
            max={1000}
            inputMode="numeric"
            label={t(L, 'hhe.headcount')}
          />
          <Textarea {...f('note')} label={t(L, 'hhe.note')} maxLength={1000} rows={3} />
          <button type="submit">{t(L, 'hhe.send')}</button>
        </form>
        <h2>{t(L, 'hhe.mine')}</h2>
        <StackTable lang={L} columns={['hh.posting', 'hh.dates', 'hh.status']}>
          {mine.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'hh.posting')}>{r.postingTitle}</td>
              <td data-label={t(L, 'hh.dates')}>{r.preferredDates.join(', ')}</td>
              <td data-label={t(L, 'hh.status')}>{r.statusName}</td>
            </tr>
          ))}
        </StackTable>
      </Layout>
    );
  }

  app.get('/employer/hiring-hall', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'events.take_part');
    if (actor.role !== 'employer') return reply.redirect('/staff/hiring-hall', 303);
    return renderPage(reply, await page(req, {}, {}));
  });

  app.post('/employer/hiring-hall', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'events.take_part');
    if (actor.role !== 'employer') return reply.redirect('/staff/hiring-hall', 303);
    const b = (req.body ?? {}) as Record<string, string>;
    const v = Object.fromEntries(
      ['postingId', 'date1', 'date2', 'date3', 'headcount', 'note'].map((k) => [
        k,
        String(b[k] ?? '').trim(),
      ]),
    );
    // Any subset of the boxes may be filled: blank ones are skipped, and `boxes` remembers which
    // box each sent date came from so that a problem at preferredDates[i] lands on its own box.
    const boxes = DATE_BOXES.filter((k) => v[k]);
    const dates = boxes.map((k) => v[k] as string);
    try {
      await requestHall(requestContext(ctx.db, req), {
        employerId: actor.employerId ?? '',
        postingId: /^[0-9a-f-]{36}$/i.test(v.postingId ?? '')
          ? (v.postingId as string)
          : '00000000-0000-0000-0000-000000000000',
        preferredDates: dates,
        headcount: v.headcount ? Math.min(1000, Math.max(1, Math.trunc(Number(v.headcount)) || 1)) : null,
        note: v.note || null,
      });
      return reply.redirect('/employer/hiring-hall?sent=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const fields: FieldErrors = {};
      for (const [k, msg] of Object.entries(e.fields)) {
        // fieldErrors writes preferredDates[1] as preferredDates.1; the bare name means none given.
        const m = /^preferredDates(?:\.(\d+))?$/.exec(k);
        const box = m ? (m[1] === undefined ? DATE_BOXES[0] : boxes[Number(m[1])]) : k;
        fields[box ?? DATE_BOXES[0]] ??= msg;
      }
      return renderPage(reply, await page(req, v, fields, e.form), 400);
    }
  });
}
