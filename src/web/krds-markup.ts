import { options, type VNode } from 'preact';

/**
 * Every page's controls carry KRDS's component classes (issue 15) without each page naming
 * them: as an element is created, a button (or a link styled as one, class "button") gets
 * `krds-btn` with its level — primary unless it says secondary, tertiary or link (KRDS's text
 * button) — and the medium size unless it names one; a text-like input and a textarea get
 * `krds-input`, a select `krds-form-select`, a table `tbl data` (KRDS's data table). Classes a
 * page wrote are kept, and a control that already names its KRDS class is left alone, so the
 * shared components (forms.tsx, site-frame.tsx) write their classes themselves and pages may
 * too. Checkboxes, radios, hidden and file inputs keep the browser's own control.
 */
const levels = ['primary', 'secondary', 'tertiary', 'text'] as const;
const sizes = ['xsmall', 'small', 'medium', 'large'] as const;
const plainInputs = new Set([
  'checkbox',
  'radio',
  'hidden',
  'file',
  'submit',
  'reset',
  'button',
  'image',
  'range',
  'color',
]);

/** The classes of a button-like element as KRDS names them, from the classes a page gave it. */
export function buttonClasses(given: string): string {
  const words = given.split(/\s+/).filter(Boolean);
  // KRDS's header buttons (btn-navi: the 전체메뉴 button) are not krds-btn buttons.
  if (words.includes('krds-btn') || words.includes('btn-navi')) return given;
  // ilteo's old "link" button (log out in a sentence) is KRDS's text button; "button" on a
  // link stays (pages and tests find such links by it).
  const rest = words.filter((w) => w !== 'link');
  const level = levels.find((l) => rest.includes(l)) ?? (words.includes('link') ? 'text' : 'primary');
  const size = sizes.find((s) => rest.includes(s)) ?? 'medium';
  return ['krds-btn', level, size, ...rest.filter((w) => w !== level && w !== size)].join(' ');
}

function addClass(given: string, name: string): string {
  const words = given.split(/\s+/).filter(Boolean);
  for (const n of name.split(' ')) if (!words.includes(n)) words.push(n);
  return words.join(' ');
}

/** The KRDS classes for one element, or undefined when it keeps its own. */
export function krdsClasses(type: string, props: Record<string, unknown>): string | undefined {
  const given = String(props.class ?? props.className ?? '');
  switch (type) {
    case 'button':
      return buttonClasses(given);
    case 'a':
      return /(^|\s)button(\s|$)/.test(given) ? buttonClasses(given) : undefined;
    case 'input':
      return plainInputs.has(String(props.type ?? 'text')) ? undefined : addClass(given, 'krds-input');
    case 'textarea':
      return addClass(given, 'krds-input');
    case 'select':
      return addClass(given, 'krds-form-select');
    case 'table':
      return addClass(given, 'tbl data');
    default:
      return undefined;
  }
}

const previous = options.vnode;
options.vnode = (vnode: VNode) => {
  if (typeof vnode.type === 'string') {
    const props = vnode.props as Record<string, unknown>;
    const cls = krdsClasses(vnode.type, props);
    if (cls !== undefined) {
      props.class = cls;
      delete props.className;
    }
  }
  previous?.(vnode);
};
