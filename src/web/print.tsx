import type { FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { asset } from './assets.ts';
import { seoul } from './page.tsx';

defineMessages({
  'print.print': ['인쇄', 'Print'],
  'print.back': ['돌아가기', 'Back'],
  'print.hint': [
    'A4 한 장에 맞춰 인쇄됩니다. 인쇄(출력)는 개인정보 접속기록에 남습니다.',
    'Prints on one A4 page. Printing is recorded in the access log.',
  ],
  'print.printedAt': ['출력 {at} · {who}', 'Printed {at} by {who}'],
});

/**
 * A printable A4 document (알선장, 구직표, 구인표): the page itself is the sheet; a toolbar with a
 * print button (print.js, no inline script under the CSP) and a way back shows on screen only.
 */
export function PrintLayout({
  req,
  title,
  back,
  children,
}: {
  req: FastifyRequest;
  title: string;
  back: string;
  children: ComponentChildren;
}): VNode {
  const L = req.lang;
  return (
    <html lang={L}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={asset('vendor/krds-tokens.css')} />
        <link rel="stylesheet" href={asset('print.css')} />
        <script src={asset('print.js')} defer />
      </head>
      <body>
        <nav class="toolbar" aria-label={t(L, 'print.print')}>
          <button type="button" id="print-now" data-print="1">
            {t(L, 'print.print')}
          </button>
          <a href={back}>{t(L, 'print.back')}</a>
          <p>{t(L, 'print.hint')}</p>
        </nav>
        <main class="sheet">
          {children}
          <p class="printed">
            {t(L, 'print.printedAt', { at: seoul(new Date()), who: req.actor?.name ?? '' })}
          </p>
        </main>
      </body>
    </html>
  );
}

/** A two-column table of labelled facts, the form of Korean public-office sheets. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <table class="facts">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
