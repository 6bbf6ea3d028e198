// ilteo (일터) — the print button of A4 documents (알선장, 구직표, 구인표); the page prints without it.
(() => {
  for (const b of document.querySelectorAll('[data-print]'))
    b.addEventListener('click', () => window.print());
})();
