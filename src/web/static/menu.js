// ilteo (일터) — the main menu on a narrow screen (below 1024 px, where KRDS shows its 전체메뉴
// button): the button opens the GNB as a drawer over the page; 메뉴 닫기, Escape or a tap beside
// the drawer closes it and puts the focus back on the button. While it is open the rest of the
// page is inert and Tab goes round the drawer. Loaded before the header is drawn so that the
// page is marked at once; without this file the button stays hidden and the menu stays a list
// under the header (site-frame.tsx, styles/base.css).
(() => {
  const root = document.documentElement;
  root.classList.add('has-menu-js');

  function start() {
    const button = document.getElementById('menu-button');
    const menu = document.getElementById(button?.getAttribute('aria-controls') || 'site-menu');
    if (!button || !menu) return;
    const head = menu.querySelector('.menu-head');
    const close = menu.querySelector('.menu-close');
    const narrow = window.matchMedia('(max-width: 1023px)');
    const behind = () =>
      document.querySelectorAll(
        'body > .skip, #krds-masthead, #krds-header .header-container, #krds-header .find, main, #krds-footer',
      );
    const isOpen = () => menu.classList.contains('is-open');
    const stops = () => Array.from(menu.querySelectorAll('a[href], button')).filter((el) => el.offsetParent);
    button.hidden = false;
    if (head) head.hidden = false;

    function open() {
      menu.classList.add('is-open');
      root.classList.add('menu-open');
      button.setAttribute('aria-expanded', 'true');
      for (const el of behind()) el.inert = true;
      const first = menu.querySelector('.gnb-menu a');
      (first || close)?.focus();
    }

    function shut(refocus) {
      if (!isOpen()) return;
      menu.classList.remove('is-open');
      root.classList.remove('menu-open');
      button.setAttribute('aria-expanded', 'false');
      for (const el of behind()) el.inert = false;
      if (refocus) button.focus();
    }

    button.addEventListener('click', () => (isOpen() ? shut(true) : open()));
    close?.addEventListener('click', () => shut(true));
    document.addEventListener('keydown', (e) => {
      if (!isOpen()) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        shut(true);
      } else if (e.key === 'Tab') {
        const all = stops();
        const first = all[0];
        const last = all[all.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    });
    // A tap on the dimmed page beside the drawer (inert, so the event lands on the body).
    document.addEventListener('click', (e) => {
      if (isOpen() && !menu.contains(e.target) && !button.contains(e.target)) shut(true);
    });
    // Wider than a tablet the menu is the header's own row again.
    narrow.addEventListener('change', () => {
      if (!narrow.matches) shut(false);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
