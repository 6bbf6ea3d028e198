import { type AppContext, requestContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { getEvent } from './events.service.ts';
import { eventMatches, inviteSeeker } from './prematch.service.ts';

// /staff/events/{id}/matches: pre-event matching — for each participating posting the best
// candidates with their reasons, and an invite button that sends the invitation.

defineMessages({
  'evm.title': ['사전 매칭', 'Pre-event matching'],
  'evm.intro': [
    '참가 기업의 공고마다 매칭 점수가 높은 구직자입니다. 초대하면 참가 안내가 발송되고 기록됩니다.',
    'The best candidates for each participating posting; inviting sends the invitation and records it.',
  ],
  'evm.none': ['승인된 참가 기업의 공고가 없습니다.', 'No posting of an approved employer yet.'],
  'evm.closed': ['마감된 공고입니다.', 'The posting is closed.'],
  'evm.noCandidates': ['추천할 구직자가 없습니다.', 'No candidates.'],
  'evm.seeker': ['구직자', 'Seeker'],
  'evm.score': ['점수', 'Score'],
  'evm.reasons': ['추천 이유', 'Reasons'],
  'evm.invite': ['초대', 'Invite'],
  'evm.invited': ['초대함', 'Invited'],
  'evm.done': ['초대를 보냈습니다.', 'Invitation sent.'],
  'evm.scheduled': [
    '상설채용관 일정을 확정하고 면접 공간을 예약했습니다. 아래 후보자를 초대하세요.',
    'The hiring hall recruitment is scheduled and the room booked: invite the candidates below.',
  ],
  'evm.hidden': ['(조회 권한 없음)', '(not visible)'],
});

export function registerPrematchPages(app: Server, ctx: AppContext) {
  app.get('/staff/events/:id/matches', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const q = query(req);
    const [e, matches] = await Promise.all([getEvent(rc, { id }), eventMatches(rc, { eventId: id })]);
    const labels = await seekerLabels(rc, {
      ids: matches.items.flatMap((p) => p.candidates.map((c) => c.seekerId)),
    });
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'evm.title')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${e.id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'evm.title')}</h1>
        <p>{t(L, 'evm.intro')}</p>
        {q.scheduled ? <Notice kind="ok">{t(L, 'evm.scheduled')}</Notice> : null}
        {q.done ? <Notice kind="ok">{t(L, 'evm.done')}</Notice> : null}
        {q.error ? <Notice kind="error">{q.error.slice(0, 300)}</Notice> : null}
        {matches.items.length === 0 ? <p>{t(L, 'evm.none')}</p> : null}
        {matches.items.map((p) => (
          <section key={p.postingId}>
            <h2>
              {p.employerName} · {p.title}
            </h2>
            {!p.open ? <p>{t(L, 'evm.closed')}</p> : null}
            {p.open && p.candidates.length === 0 ? <p>{t(L, 'evm.noCandidates')}</p> : null}
            {p.candidates.length ? (
              <StackTable lang={L} columns={['evm.seeker', 'evm.score', 'evm.reasons', 'evm.invite']}>
                {p.candidates.map((c) => {
                  const s = labels.get(c.seekerId);
                  return (
                    <tr key={c.seekerId}>
                      <td data-label={t(L, 'evm.seeker')}>
                        {s ? `${s.name} (${s.registrationNo})` : t(L, 'evm.hidden')}
                      </td>
                      <td data-label={t(L, 'evm.score')}>{c.score}</td>
                      <td data-label={t(L, 'evm.reasons')}>{c.reasons.map((r) => r.detail).join(' · ')}</td>
                      <td data-label={t(L, 'evm.invite')}>
                        {c.invited ? (
                          <span class="tag">{t(L, 'evm.invited')}</span>
                        ) : (
                          <form method="post" action={`/staff/events/${e.id}/invite`} class="inline">
                            <Csrf token={req.csrfToken} />
                            <input type="hidden" name="seekerId" value={c.seekerId} />
                            <input type="hidden" name="postingId" value={p.postingId} />
                            <input type="hidden" name="score" value={String(c.score)} />
                            <button type="submit">{t(L, 'evm.invite')}</button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </StackTable>
            ) : null}
          </section>
        ))}
      </Layout>,
    );
  });

  const uuid = /^[0-9a-f-]{36}$/i;
  app.post('/staff/events/:id/invite', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const seekerId = String(b.seekerId ?? '');
    const postingId = String(b.postingId ?? '');
    const score = Number.parseInt(String(b.score ?? ''), 10);
    let to = 'done=1';
    try {
      if (!uuid.test(seekerId)) throw invalid([{ field: 'seekerId', key: 'field.invalid' }]);
      if (!uuid.test(postingId)) throw invalid([{ field: 'postingId', key: 'field.invalid' }]);
      await inviteSeeker(requestContext(ctx.db, req), {
        eventId: id,
        seekerId,
        postingId,
        score: Number.isFinite(score) ? score : undefined,
        baseUrl: ctx.config.publicUrl,
      });
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      to = `error=${encodeURIComponent([e.form, ...Object.values(e.fields)].filter(Boolean).join(' '))}`;
    }
    return reply.redirect(`/staff/events/${id}/matches?${to}`, 303);
  });
}
