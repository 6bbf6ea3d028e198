import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { AdminMenu } from '../../web/admin-menu.tsx';
import { Csrf, ErrorSummary, type FieldErrors, fieldErrors, Input } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission } from '../../web/page.tsx';
import { scopedCentreTree } from '../accounts/centres.service.ts';
import { KPIS, SCALAR_KPI_IDS } from './kpis/index.ts';
import { getTargets, setTargets } from './reports.service.ts';

// /staff/admin/targets (issue 15): a centre's yearly targets per KPI, chosen from the centres
// tree of the reader's scope; managers and admins save them (PUT /reports/targets does the
// same), the report page shows them against the year's figures.

defineMessages({
  'tg.title': ['센터 연간 목표', 'Centre targets'],
  'tg.lead': [
    '센터를 고르고 연도별 목표를 적으세요. 비워 둔 지표는 목표 없음으로 저장됩니다. 실적과의 비교는 성과 보고서에서 봅니다.',
    'Pick a centre and write the year’s targets; a blank field means no target. The report compares them with the results.',
  ],
  'tg.centres': ['센터', 'Centres'],
  'tg.year': ['연도', 'Year'],
  'tg.show': ['이 연도 보기', 'Show this year'],
  'tg.save': ['목표 저장', 'Save targets'],
  'tg.saved': ['목표를 저장했습니다.', 'Targets saved.'],
  'tg.report': ['{year}년 실적과 비교하기 (성과 보고서)', 'Compare with {year} results (report)'],
  'tg.pickCentre': [
    '왼쪽 목록에서 목표를 정할 센터를 고르세요.',
    'Pick the centre whose targets you set from the list.',
  ],
  'tg.noCentres': [
    '담당 범위에 센터가 없습니다. 관리자에게 센터 배정을 요청하세요.',
    'No centre is in your scope; ask an administrator to assign one.',
  ],
  'tg.number': ['0 이상의 숫자로 적으세요.', 'Write a number of 0 or more.'],
  'tg.readOnly': [
    '목표는 센터장(관리자)만 바꿀 수 있습니다. 지금 값은 읽기만 할 수 있습니다.',
    'Only managers and administrators change targets; you can read them.',
  ],
});

type TreeItem = Awaited<ReturnType<typeof scopedCentreTree>>[number];

function CentreTree({
  items,
  current,
  year,
  L,
}: {
  items: TreeItem[];
  current?: string;
  year: number;
  L: Lang;
}) {
  return (
    <nav aria-labelledby="centres-h" class="tree">
      <h2 id="centres-h">{t(L, 'tg.centres')}</h2>
      <ul>
        {items.map((c) => (
          <li key={c.id} class={`depth-${Math.min(c.depth, 4)}`}>
            <a
              href={`/staff/admin/targets?centreId=${c.id}&year=${year}`}
              aria-current={c.id === current ? 'page' : undefined}
            >
              {c.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const thisYear = () => Number(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 4));

function yearOf(v: string | undefined): number {
  const y = Number(v);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear();
}

/** Registers /staff/admin/targets (GET: tree and form; POST: save). */
export function registerTargetPages(app: Server, ctx: AppContext): void {
  async function page(req: FastifyRequest, values?: Record<string, string>, errors: FieldErrors = {}) {
    const actor = requirePermission(req, 'reports.read');
    const L = req.lang;
    const q = { ...query(req), ...(values ?? {}) };
    const year = yearOf(q.year);
    const tree = await scopedCentreTree(ctx.db, actor);
    const centre = tree.find((c) => c.id === q.centreId);
    const stored = centre ? (await getTargets(ctx.db, actor, centre.id, year)).targets : {};
    const canSave = actor.role === 'admin' || actor.role === 'manager';
    const kpis = KPIS.filter((k) => SCALAR_KPI_IDS.includes(k.id));
    return (
      <Layout req={req} title={t(L, 'tg.title')} nav="/staff/admin">
        <h1>{t(L, 'tg.title')}</h1>
        <AdminMenu req={req} here="/staff/admin/targets" />
        <p class="muted">{t(L, 'tg.lead')}</p>
        {query(req).saved ? <Notice kind="ok">{t(L, 'tg.saved')}</Notice> : null}
        {tree.length === 0 ? (
          <p class="empty">{t(L, 'tg.noCentres')}</p>
        ) : (
          <div class="two">
            <CentreTree items={tree} current={centre?.id} year={year} L={L} />
            <section aria-labelledby="targets-h">
              <h2 id="targets-h">{centre ? `${centre.name} · ${year}` : t(L, 'tg.title')}</h2>
              {!centre ? (
                <p class="empty">{t(L, 'tg.pickCentre')}</p>
              ) : (
                <>
                  <form method="get" action="/staff/admin/targets" class="search">
                    <input type="hidden" name="centreId" value={centre.id} />
                    <Input
                      lang={L}
                      id="f-year-pick"
                      name="year"
                      type="number"
                      label={t(L, 'tg.year')}
                      min={2000}
                      max={2100}
                      value={year}
                    />
                    <div class="actions">
                      <button type="submit" class="secondary">
                        {t(L, 'tg.show')}
                      </button>
                    </div>
                  </form>
                  {canSave ? null : <p>{t(L, 'tg.readOnly')}</p>}
                  <form method="post" action="/staff/admin/targets" novalidate>
                    <Csrf token={req.csrfToken} />
                    <ErrorSummary lang={L} errors={errors} />
                    <input type="hidden" name="centreId" value={centre.id} />
                    <input type="hidden" name="year" value={year} />
                    <div class="grid">
                      {kpis.map((k) => {
                        const name = `targets.${k.id}`;
                        const value = values ? (values[name] ?? '') : (stored[k.id]?.toString() ?? '');
                        return (
                          <Input
                            key={k.id}
                            lang={L}
                            name={name}
                            label={k.name[L]}
                            inputMode="numeric"
                            value={value}
                            readOnly={!canSave}
                            error={errors[name]}
                          />
                        );
                      })}
                    </div>
                    {canSave ? (
                      <div class="actions">
                        <button type="submit">{t(L, 'tg.save')}</button>
                      </div>
                    ) : null}
                  </form>
                  <p>
                    <a href={`/staff/reports?centreId=${centre.id}&from=${year}-01-01&to=${year}-12-31`}>
                      {t(L, 'tg.report', { year })}
                    </a>
                  </p>
                </>
              )}
            </section>
          </div>
        )}
      </Layout>
    );
  }

  app.get('/staff/admin/targets', pageOpts, async (req, reply) => renderPage(reply, await page(req)));

  app.post('/staff/admin/targets', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'reports.read');
    const b = (req.body ?? {}) as Record<string, string>;
    const centreId = String(b.centreId ?? '');
    const year = yearOf(b.year);
    const values: Record<string, string> = { centreId, year: String(year) };
    const targets: Record<string, number> = {};
    const errors: FieldErrors = {};
    for (const id of SCALAR_KPI_IDS) {
      const raw = String(b[`targets.${id}`] ?? '').replace(/[,\s]/g, '');
      values[`targets.${id}`] = raw;
      if (raw === '') continue;
      const n = Number(raw);
      if (!/^\d+(\.\d)?$/.test(raw) || n > 1e9) errors[`targets.${id}`] = t(req.lang, 'tg.number');
      else targets[id] = n;
    }
    if (!/^[0-9a-f-]{36}$/i.test(centreId)) throw new DomainError('not_found', 'reports.centreNotFound');
    if (Object.keys(errors).length) return renderPage(reply, await page(req, values, errors), 400);
    try {
      await setTargets(ctx.db, actor, centreId, year, targets);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await page(req, values, e.fields), 400);
    }
    return reply.redirect(`/staff/admin/targets?centreId=${centreId}&year=${year}&saved=1`, 303);
  });
}
