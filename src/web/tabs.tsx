/** One tab of a TabNav: the page it opens and its text. */
export interface Tab {
  href: string;
  text: string;
}

/**
 * Sub-pages of one area as KRDS tabs (krds-tab-area, tab line: the current one underlined). They
 * open pages, so they are links in a named nav with aria-current, not ARIA tabs switching
 * panels (KRDS's tab sample is the panel kind).
 */
export function TabNav({ label, tabs, current }: { label: string; tabs: readonly Tab[]; current?: string }) {
  return (
    <nav class="krds-tab-area tabs" aria-label={label}>
      <div class="tab line">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.href} class={tab.href === current ? 'active' : undefined}>
              <a class="btn-tab" href={tab.href} aria-current={tab.href === current ? 'page' : undefined}>
                {tab.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
