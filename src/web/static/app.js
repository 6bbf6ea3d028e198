// ilteo (일터) — progressive enhancement only: every page works without this file.
// 1) focus the error summary after a failed form post; 2) keyboard shortcuts;
// 3) forms marked data-swap="#id" post in the background and replace that element.
(() => {
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  let prefix = '';
  let prefixTimer = 0;

  function shortcuts() {
    return Array.from(document.querySelectorAll('[data-key]'));
  }

  function help() {
    let dlg = document.getElementById('shortcut-help');
    if (!dlg) {
      const ko = document.documentElement.lang !== 'en';
      dlg = document.createElement('dialog');
      dlg.id = 'shortcut-help';
      dlg.setAttribute('aria-labelledby', 'shortcut-help-title');
      const h = document.createElement('h2');
      h.id = 'shortcut-help-title';
      h.textContent = ko ? '단축키' : 'Keyboard shortcuts';
      const dl = document.createElement('ul');
      const rows = [['?', ko ? '이 도움말' : 'this help']];
      for (const el of shortcuts()) rows.push([el.dataset.key, el.dataset.keyLabel || el.textContent.trim()]);
      for (const [k, label] of rows) {
        const li = document.createElement('li');
        const kbd = document.createElement('kbd');
        kbd.textContent = k;
        li.append(kbd, ' ', label);
        dl.append(li);
      }
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = ko ? '닫기' : 'Close';
      close.addEventListener('click', () => dlg.close());
      dlg.append(h, dl, close);
      document.body.append(dlg);
    }
    dlg.showModal();
  }

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === '?') {
      e.preventDefault();
      help();
      return;
    }
    const key = prefix ? `${prefix} ${e.key}` : e.key;
    const target = shortcuts().find((el) => el.dataset.key === key);
    const isPrefix = !prefix && shortcuts().some((el) => el.dataset.key.startsWith(`${e.key} `));
    if (target) {
      e.preventDefault();
      prefix = '';
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.focus();
      else target.click();
    } else if (isPrefix) {
      prefix = e.key;
      clearTimeout(prefixTimer);
      prefixTimer = setTimeout(() => {
        prefix = '';
      }, 1200);
    } else {
      prefix = '';
    }
  });

  document.addEventListener('submit', async (e) => {
    const form = e.target;
    const sel = form.dataset?.swap;
    if (!sel || !window.fetch) return;
    e.preventDefault();
    const body = new URLSearchParams(new FormData(form, e.submitter));
    let html;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { 'x-partial': '1' },
        credentials: 'same-origin',
      });
      html = await res.text();
    } catch {
      // Never post twice: show the server's state instead.
      window.location.reload();
      return;
    }
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const fresh = doc.querySelector(sel);
    const old = document.querySelector(sel);
    if (!fresh || !old) {
      window.location.reload();
      return;
    }
    old.replaceWith(fresh);
    const focus = fresh.querySelector('[role="alert"], [role="status"]') || fresh;
    if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
    focus.focus();
  });
})();
