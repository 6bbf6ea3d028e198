import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { partnerScopes } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { Csrf, ErrorSummary, Input, str } from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, pageWindow, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import {
  CentreSelect,
  CheckboxGroup,
  checkedOf,
  postSecretForm,
  type SecretFormState,
  SecretShownOnce,
} from '../../web/secret-once.tsx';
import { centreNames, listCentres } from '../accounts/centres.service.ts';
import {
  createPartner,
  listPartners,
  listProvisions,
  partnerNames,
  revokePartner,
} from './partners.service.ts';

// /staff/admin/partners (issue 21): partners and their keys (issued once, revoked at once, last
// use shown) and /staff/admin/partners/provisions, the 제3자 제공 ledger. Admins only for keys;
// the ledger also for managers (their centres' seekers).

defineMessages({
  'pt.title': ['협력 기관 API 키', 'Partner API keys'],
  'pt.intro': [
    '협력 기관(대학일자리센터, 유관기관 등)이 일터 API를 쓰는 키입니다. 키는 발급할 때 한 번만 보여 주고 해시로만 저장합니다.',
    'Keys with which partners (university job centres, agencies) use the ilteo API. A key is shown once when issued and stored only as a hash.',
  ],
  'pt.name': ['기관명', 'Name'],
  'pt.centre': ['소속 센터 (이 센터 관할 안에서만 동작)', 'Centre (the key acts within its subtree)'],
  'pt.scopes': ['권한 범위', 'Scopes'],
  'pt.purpose': ['제공 목적 (제3자 제공 기록에 남음)', 'Purpose (written into the provision ledger)'],
  'pt.rate': ['분당 요청 한도', 'Requests per minute'],
  'pt.create': ['키 발급', 'Issue a key'],
  'pt.created': [
    '키를 발급했습니다. 지금 복사해 전달하세요. 이 키는 다시 볼 수 없습니다.',
    'The key is issued. Copy it now: it cannot be shown again.',
  ],
  'pt.keys': ['키', 'Keys'],
  'pt.lastUsed': ['마지막 사용', 'Last used'],
  'pt.never': ['사용 안 함', 'never'],
  'pt.status': ['상태', 'Status'],
  'pt.active': ['사용 중', 'Active'],
  'pt.revoked': ['폐기됨', 'Revoked'],
  'pt.revoke': ['폐기', 'Revoke'],
  'pt.revokedNotice': [
    '키를 폐기했습니다. 이 기관의 키는 즉시 쓸 수 없습니다.',
    'Revoked: its keys stop working at once.',
  ],
  'pt.empty': ['발급한 키가 없습니다.', 'No partner keys yet.'],
  'pt.ledger': ['제3자 제공 기록', 'Provision ledger'],
  'pt.ledgerIntro': [
    '협력 기관이 API로 받은 구직자 정보를 한 건씩 기록합니다: 받는 자, 목적, 항목, 일시.',
    'Each seeker record a partner received through the API: recipient, purpose, items, time.',
  ],
  'pt.recipient': ['받는 자', 'Recipient'],
  'pt.items': ['제공 항목', 'Items'],
  'pt.at': ['일시', 'Time'],
  'pt.seeker': ['구직자', 'Job seeker'],
  'pt.action': ['방식', 'How'],
  'pt.action.view': ['단건 조회', 'One record'],
  'pt.action.list': ['목록 조회', 'List'],
  'pt.ledgerEmpty': ['제공 기록이 없습니다.', 'Nothing provided yet.'],
  'pt.webhooks': ['웹훅', 'Webhooks'],
  'pt.scope.postings:read': [
    '구인정보 조회·구인공고 웹훅 받기 (postings:read)',
    'Read postings and receive posting webhooks (postings:read)',
  ],
  'pt.scope.postings:write': ['구인정보 등록·수정 (postings:write)', 'Write postings (postings:write)'],
  'pt.scope.seekers:read_consented': [
    '동의한 구직자 조회 (seekers:read_consented)',
    'Read consenting seekers (seekers:read_consented)',
  ],
  'pt.scope.events:read': [
    '채용행사·예약 웹훅 받기 (events:read)',
    'Receive hiring event and booking webhooks (events:read)',
  ],
  'pt.scope.referrals:write': [
    '알선 등록·알선 웹훅 받기 (referrals:write)',
    'Create referrals and receive referral webhooks (referrals:write)',
  ],
  'pt.scope.webhooks:manage': [
    '자기 웹훅 엔드포인트 관리 (webhooks:manage)',
    'Manage its own webhook endpoints (webhooks:manage)',
  ],
});

const PAGE = 20;

/** Registers the partner pages under /staff/admin. */
export function registerPartnerPages(app: Server, ctx: AppContext): void {
  async function page(req: FastifyRequest, state: SecretFormState = {}) {
    const { L, q, page: n } = pageGuard(req, 'partners.manage');
    const rctx = requestContext(ctx.db, req);
    const [r, centres] = await Promise.all([
      listPartners(rctx, { page: n, pageSize: PAGE }),
      listCentres(ctx.db, { offset: 0, limit: 500 }),
    ]);
    const v = state.values ?? {};
    const errors = state.errors ?? {};
    const centreName = new Map(centres.items.map((c) => [c.id, c.name]));
    return (
      <Layout req={req} title={t(L, 'pt.title')} nav="/staff">
        <h1>{t(L, 'pt.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/partners" />
        <p>{t(L, 'pt.intro')}</p>
        <p>
          <a href="/staff/admin/partners/provisions">{t(L, 'pt.ledger')}</a> ·{' '}
          <a href="/staff/admin/webhooks">{t(L, 'pt.webhooks')}</a>
        </p>
        <SecretShownOnce state={state} />
        {q.revoked ? <Notice kind="ok">{t(L, 'pt.revokedNotice')}</Notice> : null}
        <ErrorSummary lang={L} message={state.message} errors={errors} />
        <form method="post" action="/staff/admin/partners">
          <Csrf token={req.csrfToken} />
          <Input
            lang={L}
            name="name"
            label={t(L, 'pt.name')}
            value={str(v, 'name')}
            error={errors.name}
            required
            maxLength={200}
          />
          <CentreSelect lang={L} label={t(L, 'pt.centre')} state={state} centres={centres.items} />
          <CheckboxGroup
            name="scopes"
            legend={t(L, 'pt.scopes')}
            state={state}
            options={partnerScopes.map((x) => ({ value: x, label: t(L, `pt.scope.${x}`) }))}
          />
          <Input
            lang={L}
            name="purpose"
            label={t(L, 'pt.purpose')}
            value={str(v, 'purpose')}
            error={errors.purpose}
            maxLength={500}
          />
          <Input
            lang={L}
            name="ratePerMinute"
            type="number"
            min={1}
            max={100000}
            label={t(L, 'pt.rate')}
            value={str(v, 'ratePerMinute') || '600'}
            error={errors.ratePerMinute}
          />
          <button type="submit">{t(L, 'pt.create')}</button>
        </form>
        {r.items.length === 0 ? (
          <p>{t(L, 'pt.empty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={['pt.name', 'pt.centre', 'pt.scopes', 'pt.keys', 'pt.lastUsed', 'pt.status']}
          >
            {r.items.map((p) => (
              <tr key={p.id}>
                <td data-label={t(L, 'pt.name')}>{p.name}</td>
                <td data-label={t(L, 'pt.centre')}>{centreName.get(p.centreId) ?? p.centreId}</td>
                <td data-label={t(L, 'pt.scopes')}>
                  <ul class="plain">
                    {p.scopes.map((s) => (
                      <li key={s}>{t(L, `pt.scope.${s}`)}</li>
                    ))}
                  </ul>
                </td>
                <td data-label={t(L, 'pt.keys')}>
                  {p.keys.map((k) => (
                    <code key={k.id}>{k.prefix}…</code>
                  ))}
                </td>
                <td data-label={t(L, 'pt.lastUsed')}>
                  {p.lastUsedAt ? seoul(p.lastUsedAt) : t(L, 'pt.never')}
                </td>
                <td data-label={t(L, 'pt.status')}>
                  {p.revokedAt ? (
                    `${t(L, 'pt.revoked')} ${seoul(p.revokedAt)}`
                  ) : (
                    <form method="post" action={`/staff/admin/partners/${p.id}/revoke`}>
                      <Csrf token={req.csrfToken} />
                      {t(L, 'pt.active')}{' '}
                      <button type="submit" class="danger" aria-label={`${p.name} ${t(L, 'pt.revoke')}`}>
                        {t(L, 'pt.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={n} pageSize={PAGE} total={r.total} />
      </Layout>
    );
  }

  app.get('/staff/admin/partners', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/admin/partners', pageOpts, async (req, reply) => {
    requirePermission(req, 'partners.manage');
    return postSecretForm(req, reply, {
      required: ['name'],
      checks: { name: 'scopes', allowed: partnerScopes },
      problems: (body) => {
        const rate = str(body, 'ratePerMinute');
        return rate && !(/^\d{1,6}$/.test(rate) && Number(rate) >= 1 && Number(rate) <= 100000)
          ? [{ field: 'ratePerMinute', key: 'field.invalid' }]
          : [];
      },
      create: async (body) => {
        const rate = str(body, 'ratePerMinute');
        const created = await createPartner(requestContext(ctx.db, req), {
          name: str(body, 'name').slice(0, 200),
          centreId: str(body, 'centreId'),
          scopes: checkedOf(body, 'scopes', partnerScopes),
          purpose: str(body, 'purpose').slice(0, 500) || undefined,
          ratePerMinute: rate ? Number(rate) : undefined,
        });
        return { secret: created.key, secretNotice: t(req.lang, 'pt.created') };
      },
      page: (state) => page(req, state),
    });
  });

  app.post('/staff/admin/partners/:id/revoke', pageOpts, async (req, reply) => {
    requirePermission(req, 'partners.manage');
    await revokePartner(requestContext(ctx.db, req), { id: uuidParam(req) });
    return reply.redirect('/staff/admin/partners?revoked=1', 303);
  });

  app.get('/staff/admin/partners/provisions', pageOpts, async (req, reply) => {
    const { L, q, page: n } = pageGuard(req, 'partners.ledger');
    const partnerId = /^[0-9a-f-]{36}$/i.test(q.partnerId ?? '') ? q.partnerId : undefined;
    const r = await listProvisions(requestContext(ctx.db, req), { partnerId, ...pageWindowQuery(n) });
    const centres = await centreNames(ctx.db, [...new Set(r.items.map((i) => i.centreId))]);
    const partners = await partnerNames(ctx.db, [...new Set(r.items.map((i) => i.partnerId))]);
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pt.ledger')} nav="/staff">
        <h1>{t(L, 'pt.ledger')}</h1>
        <p>{t(L, 'pt.ledgerIntro')}</p>
        {r.items.length === 0 ? (
          <p>{t(L, 'pt.ledgerEmpty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={['pt.at', 'pt.recipient', 'pt.purpose', 'pt.items', 'pt.seeker', 'pt.action']}
          >
            {r.items.map((p) => (
              <tr key={p.id}>
                <td data-label={t(L, 'pt.at')}>{seoul(p.at)}</td>
                <td data-label={t(L, 'pt.recipient')}>
                  <a href={`/staff/admin/partners/provisions?partnerId=${p.partnerId}`}>
                    {partners.get(p.partnerId) ?? p.recipient}
                  </a>
                </td>
                <td data-label={t(L, 'pt.purpose')}>{p.purpose}</td>
                <td data-label={t(L, 'pt.items')}>{p.items.join(', ')}</td>
                <td data-label={t(L, 'pt.seeker')}>
                  <a href={`/staff/seekers/${p.seekerId}`}>{p.seekerId.slice(0, 8)}</a>{' '}
                  <span class="muted">{centres.get(p.centreId) ?? ''}</span>
                </td>
                <td data-label={t(L, 'pt.action')}>{t(L, `pt.action.${p.action}`)}</td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={n} pageSize={PAGE} total={r.total} />
      </Layout>,
    );
  });
}

function pageWindowQuery(n: number) {
  const w = pageWindow(n, PAGE);
  return { page: n, pageSize: w.limit };
}
