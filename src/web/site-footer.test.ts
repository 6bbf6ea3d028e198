import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';

// The page frame's footer 기관 정보 and link list, and the header's menu button (site-frame.tsx,
// site-footer.tsx); the button's behaviour is the browser test's (test/e2e/site-menu.test.ts).

const footerOf = (html: string) => html.slice(html.indexOf('<footer id="krds-footer">'));

describe('site footer', () => {
  it("without settings: the service's own line, no address, no identifier, no link to a page that does not exist", async () => {
    const t = await testApp();
    const home = await t.app.inject({ method: 'GET', url: '/' });
    const footer = footerOf(home.body);
    expect(footer).toContain(
      '<p class="info-addr"><span class="operator">일터 — 공공 일자리센터 통합정보시스템</span></p>',
    );
    expect(footer).toContain('개인정보는 개인정보 보호법에 따라 처리됩니다.');
    expect(footer).not.toContain('info-cs');
    expect(footer).not.toContain('krds-identifier');
    // No 개인정보처리방침 or 이용약관 page on this server: not linked; the API documentation is.
    expect(t.app.hasRoute({ method: 'GET', url: '/privacy' })).toBe(false);
    expect(footer).not.toContain('개인정보처리방침');
    expect(footer).not.toContain('이용약관');
    expect(footer).toContain('<div class="f-menu"><a href="/api/docs">오픈 API</a></div>');
    for (const href of [...footer.matchAll(/<a href="(\/[^"]*)"/g)].map((m) => m[1]!))
      expect((await t.app.inject({ method: 'GET', url: href })).statusCode, href).toBe(200);
    // ilteo's own mark, not KRDS's logo.
    expect(footer).toMatch(/<p class="f-brand"><img src="\/static\/favicon\.svg\?v=[0-9a-f]{10}" alt[ =]/);
    expect(footer).not.toContain('logo');
  });

  it("with settings: the operator, its address and main number, KRDS's identifier; a signed-in account's centre", async () => {
    const t = await testApp({
      ILTEO_SITE_OPERATOR: '인천광역시 서해구 일자리센터',
      ILTEO_SITE_ADDRESS: '(22001) 인천광역시 서해구 청라대로 100',
      ILTEO_SITE_PHONE: '032-560-1234',
    });
    const visitor = footerOf((await t.app.inject({ method: 'GET', url: '/' })).body);
    expect(visitor).toContain(
      '<p class="info-addr"><span class="operator">인천광역시 서해구 일자리센터</span> <span class="address">(22001) 인천광역시 서해구 청라대로 100</span></p>',
    );
    expect(visitor).toContain(
      '<strong class="strong">대표전화 <a href="tel:0325601234">032-560-1234</a></strong>',
    );
    expect(visitor).toContain(
      '<div class="krds-identifier"><span class="ban-txt">이 누리집은 인천광역시 서해구 일자리센터 누리집입니다.</span></div>',
    );
    expect(visitor).not.toContain('소속 센터');

    const c = await t.centre('서울마포일자리센터', null, '11440');
    await t.db.updateTable('centres').set({ phone: '02-3153-1234' }).where('id', '=', c.id).execute();
    const staff = await t.user('counsellor', c.id);
    const page = footerOf((await staff.get('/staff')).body);
    expect(page).toContain(
      '<li><strong class="strong">소속 센터 서울마포일자리센터</strong><span class="span">대표전화 <a href="tel:0231531234">02-3153-1234</a></span></li>',
    );
    const en = footerOf((await staff.get('/staff?lang=en')).body);
    expect(en).toContain('This website is run by 인천광역시 서해구 일자리센터.');
    expect(en).toContain('Your centre: 서울마포일자리센터');
  });
});

describe('site header menu button', () => {
  it('is rendered hidden and controls the GNB; menu.js, a file of ours, shows it', async () => {
    const t = await testApp();
    const c = await t.centre();
    const staff = await t.user('counsellor', c.id);
    const res = await staff.get('/staff');
    const html = res.body;
    expect(html).toContain(
      '<button type="button" id="menu-button" class="btn-navi all" aria-controls="site-menu" aria-expanded="false" hidden>전체메뉴</button>',
    );
    expect(html).toMatch(/<nav id="site-menu" aria-label="주 메뉴" class="krds-main-menu">/);
    expect(html).toContain(
      '<div class="menu-head" hidden><button type="button" class="krds-btn tertiary medium menu-close">메뉴 닫기</button></div>',
    );
    // The script is a file of ours, not inline: the CSP allows scripts from this origin only.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(html).toMatch(/<script src="\/static\/menu\.js\?v=[0-9a-f]{10}"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const js = await t.app.inject({ method: 'GET', url: '/static/menu.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toContain("getElementById('menu-button')");
  });
});
