import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Layout, renderPage } from '../../web/layout.tsx';
import { num, pageOpts, seoul, uuidParam } from '../../web/page.tsx';
import { publicResults } from './draws.service.ts';
import { getProgramme } from './programmes.service.ts';
import { candidateListText } from './selection.ts';
import { VERIFY_SCRIPT } from './verify-script.ts';

// /public-jobs/{id}/results (public): the frozen candidate list and its SHA-256 with the
// announced random source, then the published result — application numbers only — and how
// anyone recomputes it: /public-jobs/{id}/candidates.txt (the exact hashed text) and
// /public-jobs/verify.py (RFC 3797 in a few lines of Python).

defineMessages({
  'pjr.title': ['추첨 명단·선발 결과', 'Draw inputs and results'],
  'pjr.back': ['사업 안내로', 'Back to the programme'],
  'pjr.none': [
    '아직 추첨 대상 명단을 공개하지 않았습니다. 신청 마감 후 공개합니다.',
    'The candidate list is not published yet; it will be after applications close.',
  ],
  'pjr.inputs': ['1. 추첨 대상 명단(추첨 전 공개)', '1. Candidate list (published before the draw)'],
  'pjr.inputsText': [
    '자격을 충족한 신청 {n}건을 신청번호 순으로 고정했습니다({at} 공개). 명단 파일의 SHA-256:',
    '{n} eligible applications frozen in application-number order (published {at}). SHA-256 of the list file:',
  ],
  'pjr.download': ['명단 파일(candidates.txt) 받기', 'Download the list (candidates.txt)'],
  'pjr.source': [
    '난수 출처(미리 알린 미래의 공개 번호)',
    'Random source (future public numbers announced in advance)',
  ],
  'pjr.sourceAt': ['{at} 이후 발표', 'out after {at}'],
  'pjr.list': ['신청번호,점수', 'Application no.,score'],
  'pjr.result': ['2. 선발 결과', '2. Result'],
  'pjr.notYet': ['선발 결과는 아직 공개되지 않았습니다.', 'The result is not published yet.'],
  'pjr.method': [
    '선발 방법: {m} · {at} 추첨 · {pub} 공개 (추첨 {run}회차)',
    'Method: {m} · drawn {at} · published {pub} (run {run})',
  ],
  'pjr.seeds': ['공개 번호', 'Public numbers'],
  'pjr.key': ['키 문자열(RFC 3797)', 'Key string (RFC 3797)'],
  'pjr.selected': ['선발 {n}명(신청번호, 순서대로)', 'Selected: {n} (application numbers in order)'],
  'pjr.waitlist': ['예비 순번 {n}명', 'Waiting list: {n}'],
  'pjr.verify': ['3. 직접 검증하기', '3. Check it yourself'],
  'pjr.verifyText': [
    '명단 파일과 키 문자열만 있으면 누구나 같은 결과를 다시 계산할 수 있습니다. 파이썬 3의 표준 라이브러리만 씁니다. 추첨 방식은 RFC 3797 그대로이며, 대상이 65,536명을 넘을 때만 65,536번째 추첨부터 앞뒤 카운터를 2바이트 대신 4바이트로 씁니다.',
    'Anyone can recompute the result from the list file and the key string, with Python 3’s standard library only. The draw is RFC 3797 as written; only past 65,536 candidates, from draw 65,536 on, the counter around the key is four bytes instead of two.',
  ],
  'pjr.step1': [
    '명단 파일과 검증 스크립트(verify.py)를 받습니다.',
    'Download the list file and the script (verify.py).',
  ],
  'pjr.step2': ['명령을 실행합니다:', 'Run:'],
  'pjr.step3': [
    '첫 줄의 SHA-256이 위 값과 같고, 다음 줄의 신청번호 순서가 선발 결과와 같으면 추첨이 공정하게 이루어진 것입니다.',
    'The first line must match the SHA-256 above and the next the order of the result.',
  ],
  'pjr.script': ['검증 스크립트 받기(verify.py)', 'Download the script (verify.py)'],
});

export function registerPublicJobResultPages(app: Server, ctx: AppContext) {
  app.get('/public-jobs/verify.py', pageOpts, async (_req, reply) =>
    reply
      .type('text/x-python; charset=utf-8')
      .header('content-disposition', 'inline; filename="verify.py"')
      .send(VERIFY_SCRIPT),
  );

  app.get('/public-jobs/:id/candidates.txt', pageOpts, async (req, reply) => {
    const r = await publicResults(
      { db: ctx.db, actor: req.actor, lang: req.lang },
      { programmeId: uuidParam(req) },
    );
    if (!r.announcement)
      return reply.code(404).type('text/plain; charset=utf-8').send(t(req.lang, 'pjr.none'));
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="candidates.txt"')
      .send(candidateListText(r.announcement.candidateNos, r.announcement.candidateScores));
  });

  app.get('/public-jobs/:id/results', pageOpts, async (req, reply) => {
    const L = req.lang;
    const read = { db: ctx.db, actor: req.actor, lang: L };
    const id = uuidParam(req);
    const [p, r] = await Promise.all([getProgramme(read, { id }), publicResults(read, { programmeId: id })]);
    const a = r.announcement;
    const res = r.result;
    const command = `python3 verify.py candidates.txt "${res?.keyString ?? '키 문자열'}" ${res?.method ?? p.selection}`;
    return renderPage(
      reply,
      <Layout req={req} title={`${p.name} — ${t(L, 'pjr.title')}`}>
        <p>
          <a href={`/public-jobs/${p.id}`}>← {t(L, 'pjr.back')}</a>
        </p>
        <h1>
          {p.name} {t(L, 'pjr.title')}
        </h1>
        {!a ? <p>{t(L, 'pjr.none')}</p> : null}
        {a ? (
          <section aria-labelledby="pjr-inputs">
            <h2 id="pjr-inputs">{t(L, 'pjr.inputs')}</h2>
            <p>{t(L, 'pjr.inputsText', { n: num(a.candidateNos.length), at: seoul(a.announcedAt) })}</p>
            <p>
              <code class="break" id="input-sha256">
                {a.inputSha256}
              </code>
            </p>
            <p>
              <a href={`/public-jobs/${p.id}/candidates.txt`}>{t(L, 'pjr.download')}</a>
            </p>
            <dl>
              <dt>{t(L, 'pjr.source')}</dt>
              <dd>
                {a.seedSource} ({t(L, 'pjr.sourceAt', { at: seoul(a.seedsAvailableAt) })})
              </dd>
            </dl>
            <details>
              <summary>{t(L, 'pjr.list')}</summary>
              <pre class="break">{candidateListText(a.candidateNos, a.candidateScores)}</pre>
            </details>
          </section>
        ) : null}
        {a ? (
          <section aria-labelledby="pjr-result">
            <h2 id="pjr-result">{t(L, 'pjr.result')}</h2>
            {!res ? <p>{t(L, 'pjr.notYet')}</p> : null}
            {res ? (
              <>
                <p>
                  {t(L, 'pjr.method', {
                    m: res.methodName,
                    at: seoul(res.drawnAt),
                    pub: seoul(res.publishedAt),
                    run: res.runNo,
                  })}
                </p>
                {res.keyString ? (
                  <dl>
                    <dt>{t(L, 'pjr.seeds')}</dt>
                    <dd>{(res.seedSources ?? []).map((s) => s.join(' ')).join(' / ')}</dd>
                    <dt>{t(L, 'pjr.key')}</dt>
                    <dd>
                      <code class="break" id="key-string">
                        {res.keyString}
                      </code>
                    </dd>
                  </dl>
                ) : null}
                <h3>{t(L, 'pjr.selected', { n: res.selectedNos.length })}</h3>
                <p class="break" id="selected-nos">
                  {res.selectedNos.join(' ')}
                </p>
                <h3>{t(L, 'pjr.waitlist', { n: res.waitlistNos.length })}</h3>
                <p class="break" id="waitlist-nos">
                  {res.waitlistNos.join(' ')}
                </p>
              </>
            ) : null}
          </section>
        ) : null}
        <section aria-labelledby="pjr-verify">
          <h2 id="pjr-verify">{t(L, 'pjr.verify')}</h2>
          <p>{t(L, 'pjr.verifyText')}</p>
          <ol>
            <li>
              {t(L, 'pjr.step1')} <a href="/public-jobs/verify.py">{t(L, 'pjr.script')}</a>
            </li>
            <li>
              {t(L, 'pjr.step2')}
              <pre class="break">{command}</pre>
            </li>
            <li>{t(L, 'pjr.step3')}</li>
          </ol>
          <details>
            <summary>verify.py</summary>
            <pre class="break">{VERIFY_SCRIPT}</pre>
          </details>
        </section>
      </Layout>,
    );
  });
}
