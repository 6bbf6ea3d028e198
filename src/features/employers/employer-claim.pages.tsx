import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { Csrf } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { SecretShownOnce, secretAnswer } from '../../web/secret-once.tsx';
import { CLAIM_CODE_DAYS, issueClaimCode } from './employer-claim.service.ts';
import { getEmployer } from './employers.service.ts';

// The prospect's 가입 코드 on the company's staff page: issued on a button, shown once on the
// answer (never in a URL), to be handed to the company on paper or read over the phone.

defineMessages({
  'pec.title': ['포털 가입 코드', 'Portal sign-up code'],
  'pec.intro': [
    '이 기업은 아직 기업회원 계정이 없습니다. 가입 코드를 발급해 기업에 전달하면, 기업이 구인기업 회원가입 때 코드를 입력해 방문·행정지원 기록을 이어받습니다. 사업자등록번호만으로는 가입할 수 없습니다.',
    'This company has no portal account yet. Issue a code and hand it to the company: on sign-up it enters the code and takes over its visits and requests. The business number alone is not enough.',
  ],
  'pec.issue': ['가입 코드 발급', 'Issue a sign-up code'],
  'pec.once': [
    '코드는 이 화면에서 한 번만 보입니다. 인쇄하거나 기업 담당자에게 바로 전달하세요. 새로 발급하면 이전 코드는 무효가 됩니다.',
    'The code is shown only on this page. Print it or give it to the company now; issuing a new one voids the old one.',
  ],
  'pec.expires': ['유효기간: {at}까지 ({days}일)', 'Valid until {at} ({days} days)'],
  'pec.how': [
    '기업 담당자 안내: 일터 포털 → 구인기업 회원가입에서 사업자등록번호와 함께 이 코드를 입력하세요. 5번 틀리면 코드가 무효가 됩니다.',
    'For the company: on the portal, open employer sign-up and enter this code with the business number. Five wrong tries void it.',
  ],
  'pec.back': ['기업 정보로 돌아가기', 'Back to the company'],
});

export function ClaimCodeBox({ id, token, L }: { id: string; token: string; L: Lang }) {
  return (
    <section aria-labelledby="claim-h">
      <h2 id="claim-h">{t(L, 'pec.title')}</h2>
      <p>{t(L, 'pec.intro')}</p>
      <form method="post" action={`/staff/employers/${id}/claim-code`}>
        <Csrf token={token} />
        <button type="submit" class="secondary">
          {t(L, 'pec.issue')}
        </button>
      </form>
    </section>
  );
}

export function registerEmployerClaimPage(app: Server, ctx: AppContext): void {
  app.post('/staff/employers/:id/claim-code', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'employers.write');
    const L = req.lang;
    const id = uuidParam(req);
    const c = { dataKey: ctx.dataKey, ip: req.ip };
    const issued = await issueClaimCode(ctx.db, c, actor, id);
    const e = await getEmployer(ctx.db, c, actor, id);
    return secretAnswer(
      reply,
      <Layout req={req} title={t(L, 'pec.title')} nav="/staff/employers">
        <h1>
          {t(L, 'pec.title')} — {e.name}
        </h1>
        <SecretShownOnce state={{ secret: issued.claimCode, secretNotice: t(L, 'pec.once') }} />
        <p>{t(L, 'pec.expires', { at: seoul(issued.expiresAt, false), days: CLAIM_CODE_DAYS })}</p>
        <p>{t(L, 'pec.how')}</p>
        <p>
          <a href={`/staff/employers/${id}`}>{t(L, 'pec.back')}</a>
        </p>
      </Layout>,
    );
  });
}
