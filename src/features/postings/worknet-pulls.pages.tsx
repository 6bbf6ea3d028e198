import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { registerAdminSection } from '../../web/admin-sections.ts';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, pageWindow, seoul } from '../../web/page.tsx';
import { listPulls } from './worknet.pull.ts';

// /staff/admin/worknet-pulls (issue 21): whether the scheduled 고용24 pull is on, and each run
// with its counts (added, updated, refused), its error and the first refused rows.

defineMessages({
  'wp.title': ['고용24 채용정보 가져오기', '고용24 postings pull'],
  'wp.text': [
    '고용24 채용정보를 정해진 시각에 가져와 구인인증번호로 갱신합니다. 실행마다 결과가 남습니다.',
    'Postings pulled from 고용24 on a schedule, upserted by wantedAuthNo; every run is recorded.',
  ],
  'wp.off': [
    '꺼져 있습니다. 인증키(ILTEO_WORKNET_API_KEY)를 설정하면 켜집니다. 주소는 ILTEO_WORKNET_API_URL, 시각은 ILTEO_WORKNET_PULL_CRON입니다.',
    'Off: set the key (ILTEO_WORKNET_API_KEY) to turn it on; address ILTEO_WORKNET_API_URL, schedule ILTEO_WORKNET_PULL_CRON.',
  ],
  'wp.on': [
    '켜져 있습니다: {url}, 일정 "{cron}"(서울 시각), 한 번에 최대 {pages}쪽(쪽당 100건).',
    'On: {url}, schedule "{cron}" (Seoul time), at most {pages} pages of 100 per run.',
  ],
  'wp.runs': ['실행 기록', 'Runs'],
  'wp.none': ['아직 실행된 적이 없습니다.', 'No run yet.'],
  'wp.started': ['시작', 'Started'],
  'wp.finished': ['끝', 'Finished'],
  'wp.status': ['상태', 'Status'],
  'wp.pages': ['쪽', 'Pages'],
  'wp.added': ['추가', 'Added'],
  'wp.updated': ['갱신', 'Updated'],
  'wp.unchanged': ['변경 없음', 'Unchanged'],
  'wp.held': ['검토 중이라 보류', 'Held (under review)'],
  'wp.failed': ['실패', 'Refused'],
  'wp.error': ['오류·거부 사유', 'Error / refused rows'],
  'wp.rowError': ['{page}쪽 {row}번째', 'page {page} row {row}'],
  'wp.status.running': ['진행 중', 'Running'],
  'wp.status.done': ['완료', 'Done'],
  'wp.status.failed': ['실패', 'Failed'],
  'wp.status.interrupted': ['중단됨', 'Interrupted'],
});

registerAdminSection({
  href: '/staff/admin/worknet-pulls',
  title: 'wp.title',
  text: 'wp.text',
  permission: 'imports.run',
});

const PAGE = 20;

/** Registers /staff/admin/worknet-pulls. */
export function registerWorknetPullPages(app: Server, ctx: AppContext): void {
  app.get('/staff/admin/worknet-pulls', pageOpts, async (req, reply) => {
    const { L, page } = pageGuard(req, 'imports.run');
    const cfg = ctx.config.worknetPull;
    const runs = await listPulls(ctx.db, pageWindow(page, PAGE));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'wp.title')} nav="/staff">
        <h1>{t(L, 'wp.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/worknet-pulls" />
        <p>{t(L, 'wp.text')}</p>
        <Notice kind="info">
          {cfg ? t(L, 'wp.on', { url: cfg.url, cron: cfg.cron, pages: cfg.maxPages }) : t(L, 'wp.off')}
        </Notice>
        <h2>{t(L, 'wp.runs')}</h2>
        {runs.items.length === 0 ? (
          <p>{t(L, 'wp.none')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={[
              'wp.started',
              'wp.finished',
              'wp.status',
              'wp.pages',
              'wp.added',
              'wp.updated',
              'wp.unchanged',
              'wp.held',
              'wp.failed',
              'wp.error',
            ]}
          >
            {runs.items.map((r) => (
              <tr key={r.id}>
                <td data-label={t(L, 'wp.started')}>{seoul(r.startedAt)}</td>
                <td data-label={t(L, 'wp.finished')}>{seoul(r.finishedAt)}</td>
                <td data-label={t(L, 'wp.status')}>{t(L, `wp.status.${r.status}`)}</td>
                <td data-label={t(L, 'wp.pages')}>{r.pages}</td>
                <td data-label={t(L, 'wp.added')}>{r.added}</td>
                <td data-label={t(L, 'wp.updated')}>{r.updated}</td>
                <td data-label={t(L, 'wp.unchanged')}>{r.unchanged}</td>
                <td data-label={t(L, 'wp.held')}>{r.held}</td>
                <td data-label={t(L, 'wp.failed')}>{r.failed}</td>
                <td data-label={t(L, 'wp.error')}>
                  {r.error ? <p>{r.error}</p> : null}
                  {r.rejections.length ? (
                    <ul>
                      {r.rejections.map((x) => (
                        <li key={`${x.page}-${x.row}`}>
                          {t(L, 'wp.rowError', { page: x.page, row: x.row })}:{' '}
                          {x.errors.map((e) => `${e.field} ${e.message}`).join('; ')}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={page} pageSize={PAGE} total={runs.total} />
      </Layout>,
    );
  });
}
