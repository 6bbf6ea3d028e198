import type { AppContext } from '../../platform/context.ts';
import { requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { Csrf, Input, Select, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { num, pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { listApplications } from './applications.service.ts';
import { type DrawView, listDraws, publicResults } from './draws.service.ts';
import { listPlacements } from './placements.service.ts';
import { registerPublicJobProgrammeForms } from './programme-form.pages.tsx';
import { getProgramme, listProgrammes, managesProgramme } from './programmes.service.ts';
import { nameOf, PLACEMENT_OUTCOMES } from './publicjobs.codes.ts';
import { registerPublicJobStaffActions } from './staff-actions.pages.tsx';

// /staff/public-jobs (the centre's programmes) and /staff/public-jobs/{id}: applicants with
// their answers, the draw in three steps (publish the inputs → draw → publish the result) and
// placements with the last counselling and how they ended.

defineMessages({
  'pjs.title': ['공공일자리 운영', 'Public job programmes'],
  'pjs.none': ['운영 중인 공공일자리 사업이 없습니다.', 'No programmes yet.'],
  'pjs.new': ['새 사업 등록', 'New programme'],
  'pjs.rules': ['자격 기준 v{version}', 'Eligibility rules v{version}'],
  'pjs.changeRules': ['자격 기준 변경', 'Change the rules'],
  'pjs.summary': [
    '신청 {apps} · 자격 충족 {eligible} · 모집 {quota} · 배치 {placed}',
    'Applications {apps} · eligible {eligible} · places {quota} · placed {placed}',
  ],
  'pjs.applicants': ['신청자', 'Applicants'],
  'pjs.no': ['신청번호', 'No.'],
  'pjs.seeker': ['구직자', 'Seeker'],
  'pjs.age': ['나이', 'Age'],
  'pjs.answer': ['판정', 'Decision'],
  'pjs.score': ['점수', 'Score'],
  'pjs.why': ['미충족 사유', 'Unmet rules'],
  'pjs.hidden': ['(조회 권한 없음)', '(not visible)'],
  'pjs.repeat': ['반복', 'Repeat'],
  'pjs.draw': ['선발(공개 추첨)', 'Selection (public draw)'],
  'pjs.step1': [
    '1단계: 추첨 대상 명단과 난수 출처 공개',
    'Step 1: publish the candidate list and the random source',
  ],
  'pjs.announced': ['{at} 공개: 대상 {n}건, SHA-256 {sha}', 'Published {at}: {n} candidates, SHA-256 {sha}'],
  'pjs.seedSource': ['난수 출처(미래의 공개 번호)', 'Random source (future public numbers)'],
  'pjs.seedSourceHint': [
    '예: 동행복권 로또 6/45 제1203회 당첨번호 6개와 보너스 번호',
    'e.g. 로또 6/45 round 1203: six numbers and the bonus',
  ],
  'pjs.seedsAt': ['번호 발표 시각', 'When the numbers come out'],
  'pjs.announce': ['명단 확정·공개', 'Freeze and publish'],
  'pjs.step2': ['2단계: 추첨', 'Step 2: draw'],
  'pjs.seeds': ['발표된 번호(출처마다 한 줄)', 'The numbers (one line per source)'],
  'pjs.seedsHint': [
    '예: 3 11 19 25 38 42 / 다음 줄에 보너스 7',
    'e.g. 3 11 19 25 38 42, then the bonus 7 on the next line',
  ],
  'pjs.run': ['추첨 실행', 'Run the draw'],
  'pjs.runs': ['추첨 기록(재추첨도 모두 보관)', 'Runs (re-runs kept)'],
  'pjs.runNo': ['회차', 'Run'],
  'pjs.key': ['키 문자열', 'Key string'],
  'pjs.selected': ['선발(신청번호)', 'Selected (numbers)'],
  'pjs.step3': ['3단계: 결과 공개', 'Step 3: publish'],
  'pjs.publish': ['이 결과 공개', 'Publish this result'],
  'pjs.published': ['공개됨', 'Published'],
  'pjs.publicPage': ['공개 결과 페이지', 'Public results page'],
  'pjs.placements': ['근무지 배치', 'Placements'],
  'pjs.application': ['선발자(신청번호)', 'Selected applicant (no.)'],
  'pjs.worksite': ['근무지', 'Worksite'],
  'pjs.startsOn': ['배치 시작일', 'Starts on'],
  'pjs.place': ['배치(취업 기록 생성)', 'Place (records the employment)'],
  'pjs.lastCounselling': ['최근 상담', 'Last counselling'],
  'pjs.counsel': ['상담 기록', 'Counselling'],
  'pjs.outcome': ['종료', 'Ended'],
  'pjs.endsOn': ['종료일', 'Ends on'],
  'pjs.privateEmployer': ['취업한 민간 기업', 'Private employer'],
  'pjs.privateStartsOn': ['민간일자리 입사일', 'Private job starts on'],
  'pjs.privateStartsOnHint': [
    '비워 두면 배치 종료 다음 날로 취업 기록을 만듭니다.',
    'Empty: the day after the placement ends.',
  ],
  'pjs.end': ['배치 종료', 'End'],
  'pjs.employmentRecorded': ['취업 기록됨', 'employment recorded'],
  'pjs.done': ['저장했습니다.', 'Saved.'],
});

function DrawRuns({
  draws,
  lang,
  csrf,
  programmeId,
  open,
}: {
  draws: DrawView[];
  lang: Lang;
  csrf: string | null | undefined;
  programmeId: string;
  open: boolean;
}) {
  return (
    <StackTable lang={lang} columns={['pjs.runNo', 'pjs.key', 'pjs.selected', 'pjs.step3']}>
      {draws.map((d) => (
        <tr key={d.id}>
          <td data-label={t(lang, 'pjs.runNo')}>
            {d.runNo} ({seoul(d.drawnAt)})
          </td>
          <td data-label={t(lang, 'pjs.key')}>
            <code class="break">{d.keyString ?? d.methodName}</code>
          </td>
          <td data-label={t(lang, 'pjs.selected')}>
            <span class="break">{d.selectedNos.join(' ')}</span>
          </td>
          <td data-label={t(lang, 'pjs.step3')}>
            {d.published ? (
              <span class="tag strong">{t(lang, 'pjs.published')}</span>
            ) : open ? (
              <form method="post" action={`/staff/public-jobs/${programmeId}/publish`} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="drawId" value={d.id} />
                <button type="submit">{t(lang, 'pjs.publish')}</button>
              </form>
            ) : null}
          </td>
        </tr>
      ))}
    </StackTable>
  );
}

export function registerPublicJobStaffPages(app: Server, ctx: AppContext) {
  app.get('/staff/public-jobs', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    const L = req.lang;
    const items = (await listProgrammes({ db: ctx.db, actor: req.actor, lang: L }, {})).filter((p) =>
      managesProgramme(req.actor, { centre_id: p.centreId }),
    );
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pjs.title')} nav="/staff">
        <h1>{t(L, 'pjs.title')}</h1>
        <p>
          <a class="button" href="/staff/public-jobs/new">
            {t(L, 'pjs.new')}
          </a>
        </p>
        {items.length === 0 ? <p>{t(L, 'pjs.none')}</p> : null}
        <ul class="cards">
          {items.map((p) => (
            <li class="card" key={p.id}>
              <h2>
                <a href={`/staff/public-jobs/${p.id}`}>{p.name}</a>
              </h2>
              <p>
                <span class="tag strong">{p.kindName}</span> {p.startsOn} ~ {p.endsOn} · {num(p.applications)}
                /{num(p.quota)}
              </p>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get('/staff/public-jobs/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const q = query(req);
    const [apps, draws, placements, results] = await Promise.all([
      listApplications(rc, { programmeId: id }),
      listDraws(rc, { programmeId: id }),
      listPlacements(rc, { programmeId: id }),
      publicResults(rc, { programmeId: id }),
    ]);
    const p = await getProgramme(rc, { id });
    const labels = await seekerLabels(rc, { ids: apps.map((a) => a.seekerId) });
    const who = (seekerId: string) => {
      const s = labels.get(seekerId);
      return s ? `${s.name} (${s.registrationNo})` : t(L, 'pjs.hidden');
    };
    const published = draws.find((d) => d.published) ?? null;
    const placed = new Set(placements.map((x) => x.applicationId));
    const byId = new Map(apps.map((a) => [a.id, a]));
    const placeable = published ? published.order.filter((a) => !placed.has(a)) : [];
    const eligible = apps.filter((a) => a.eligible).length;
    const open = published === null;
    return renderPage(
      reply,
      <Layout req={req} title={`${p.name} — ${t(L, 'pjs.title')}`} nav="/staff">
        <p>
          <a href="/staff/public-jobs">← {t(L, 'pjs.title')}</a>
        </p>
        <h1>{p.name}</h1>
        <p>
          <span class="tag strong">{p.kindName}</span> {p.selectionName} · {p.startsOn} ~ {p.endsOn} ·{' '}
          {t(L, 'pjs.rules', { version: p.ruleVersion })}{' '}
          <a href={`/staff/public-jobs/${p.id}/rules`}>{t(L, 'pjs.changeRules')}</a>
        </p>
        {q.done ? <Notice kind="ok">{t(L, 'pjs.done')}</Notice> : null}
        {q.error ? <Notice kind="error">{q.error.slice(0, 300)}</Notice> : null}
        <p>
          {t(L, 'pjs.summary', {
            apps: num(apps.length),
            eligible: num(eligible),
            quota: num(p.quota),
            placed: num(placements.length),
          })}
        </p>

        <h2>{t(L, 'pjs.draw')}</h2>
        <h3>{t(L, 'pjs.step1')}</h3>
        {results.announcement ? (
          <p>
            {t(L, 'pjs.announced', {
              at: seoul(results.announcement.announcedAt),
              n: num(results.announcement.candidateNos.length),
              sha: results.announcement.inputSha256,
            })}{' '}
            — {results.announcement.seedSource} ({seoul(results.announcement.seedsAvailableAt)})
          </p>
        ) : null}
        {open && !p.applicationsOpen ? (
          <form method="post" action={`/staff/public-jobs/${p.id}/announce`}>
            <Csrf token={req.csrfToken} />
            <Input
              lang={L}
              name="seedSource"
              label={t(L, 'pjs.seedSource')}
              hint={t(L, 'pjs.seedSourceHint')}
              required
              maxLength={500}
            />
            <Input
              lang={L}
              name="seedsAvailableAt"
              type="datetime-local"
              label={t(L, 'pjs.seedsAt')}
              required
            />
            <button type="submit">{t(L, 'pjs.announce')}</button>
          </form>
        ) : null}
        <h3>{t(L, 'pjs.step2')}</h3>
        {open && results.announcement ? (
          <form method="post" action={`/staff/public-jobs/${p.id}/draw`}>
            <Csrf token={req.csrfToken} />
            {p.selection === 'score' ? null : (
              <Textarea
                lang={L}
                name="seedSources"
                label={t(L, 'pjs.seeds')}
                hint={t(L, 'pjs.seedsHint')}
                rows={3}
                required
              />
            )}
            <button type="submit">{t(L, 'pjs.run')}</button>
          </form>
        ) : null}
        {draws.length ? (
          <>
            <h3>{t(L, 'pjs.runs')}</h3>
            <DrawRuns draws={draws} lang={L} csrf={req.csrfToken} programmeId={p.id} open={open} />
          </>
        ) : null}
        <p>
          <a href={`/public-jobs/${p.id}/results`}>{t(L, 'pjs.publicPage')}</a>
        </p>

        <h2>{t(L, 'pjs.placements')}</h2>
        {published && placeable.length && placements.length < p.quota ? (
          <form method="post" action={`/staff/public-jobs/${p.id}/place`}>
            <Csrf token={req.csrfToken} />
            <Select
              lang={L}
              name="applicationId"
              label={t(L, 'pjs.application')}
              required
              options={placeable.map((a) => ({
                value: a,
                label: `${byId.get(a)?.applicationNo ?? ''} — ${who(byId.get(a)?.seekerId ?? '')}`,
              }))}
            />
            <Input lang={L} name="worksite" label={t(L, 'pjs.worksite')} required maxLength={200} />
            <Input
              lang={L}
              name="startsOn"
              type="date"
              label={t(L, 'pjs.startsOn')}
              required
              value={p.startsOn}
            />
            <button type="submit">{t(L, 'pjs.place')}</button>
          </form>
        ) : null}
        <StackTable
          lang={L}
          columns={['pjs.seeker', 'pjs.worksite', 'pjs.startsOn', 'pjs.lastCounselling', 'pjs.outcome']}
        >
          {placements.map((x) => (
            <tr key={x.id}>
              <td data-label={t(L, 'pjs.seeker')}>
                {who(x.seekerId)} <a href={`/staff/seekers/${x.seekerId}`}>{t(L, 'pjs.counsel')}</a>
              </td>
              <td data-label={t(L, 'pjs.worksite')}>{x.worksite}</td>
              <td data-label={t(L, 'pjs.startsOn')}>{x.startsOn}</td>
              <td data-label={t(L, 'pjs.lastCounselling')}>{seoul(x.lastCounsellingAt, false)}</td>
              <td data-label={t(L, 'pjs.outcome')}>
                {x.outcome ? (
                  `${x.outcomeName} ${x.endsOn}${x.privateEmployer ? ` · ${x.privateEmployer}` : ''}${x.privateEmploymentId ? ` (${t(L, 'pjs.employmentRecorded')})` : ''}`
                ) : (
                  <form method="post" action={`/staff/public-jobs/${p.id}/end`} class="stack-form">
                    <Csrf token={req.csrfToken} />
                    <input type="hidden" name="placementId" value={x.id} />
                    <Input lang={L} name={`endsOn-${x.id}`} type="date" label={t(L, 'pjs.endsOn')} required />
                    <Select
                      lang={L}
                      name={`outcome-${x.id}`}
                      label={t(L, 'pjs.outcome')}
                      empty={false}
                      options={Object.keys(PLACEMENT_OUTCOMES).map((o) => ({
                        value: o,
                        label: nameOf(PLACEMENT_OUTCOMES, o, L),
                      }))}
                    />
                    <Input
                      lang={L}
                      name={`privateEmployer-${x.id}`}
                      label={t(L, 'pjs.privateEmployer')}
                      maxLength={200}
                    />
                    <Input
                      lang={L}
                      name={`privateStartsOn-${x.id}`}
                      type="date"
                      label={t(L, 'pjs.privateStartsOn')}
                      hint={t(L, 'pjs.privateStartsOnHint')}
                    />
                    <button type="submit">{t(L, 'pjs.end')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </StackTable>

        <h2>{t(L, 'pjs.applicants')}</h2>
        <StackTable
          lang={L}
          columns={['pjs.no', 'pjs.seeker', 'pjs.age', 'pjs.answer', 'pjs.score', 'pjs.why']}
        >
          {apps.map((a) => (
            <tr key={a.id}>
              <td data-label={t(L, 'pjs.no')}>{a.applicationNo}</td>
              <td data-label={t(L, 'pjs.seeker')}>
                {who(a.seekerId)} <span class="muted">{a.channelName}</span>
              </td>
              <td data-label={t(L, 'pjs.age')}>{a.age}</td>
              <td data-label={t(L, 'pjs.answer')}>
                {t(L, a.eligible ? 'pjp.eligible' : 'pjp.notEligible')}{' '}
                <span class="muted">v{a.ruleVersion}</span>
                {a.repeatParticipation ? <span class="tag">{t(L, 'pjs.repeat')}</span> : null}
              </td>
              <td data-label={t(L, 'pjs.score')}>{a.score}</td>
              <td data-label={t(L, 'pjs.why')}>
                {a.reasons
                  .filter((r) => !r.met)
                  .map((r) => r.text)
                  .join(' / ')}
              </td>
            </tr>
          ))}
        </StackTable>
      </Layout>,
    );
  });

  registerPublicJobStaffActions(app, ctx);
  registerPublicJobProgrammeForms(app, ctx);
}
