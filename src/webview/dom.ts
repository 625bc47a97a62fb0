// DOM building for the webview. Workspace text only ever becomes text nodes or attribute
// values through these helpers: nothing is parsed as HTML (no innerHTML anywhere).

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function build<E extends Element>(element: E, attributes: Attributes, children: Child[]): E {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (/^on/i.test(name) || name === 'style') {
      // Handlers only as functions; styles only through classes (the CSP forbids inline styles).
      throw new Error(`attribute ${name} is not allowed`);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** An HTML element with attributes and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element (the threshold chart). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function confidenceText(x: number): string {
  return x.toFixed(2);
}

/** A horizontal bar for a 0–1 value; the width is set through the CSSOM, which the CSP allows. */
export function meter(value: number, label: string): HTMLElement {
  const fill = h('span', { class: 'meter-fill' });
  fill.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
  return h(
    'span',
    { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': value, 'aria-label': label },
    fill,
  );
}

export const DECISION_LABEL = { answer: 'Answer', clarify: 'Clarify', escalate: 'Escalate' } as const;

export function decisionBadge(decision: keyof typeof DECISION_LABEL): HTMLElement {
  return h('span', { class: `badge badge-${decision}` }, DECISION_LABEL[decision]);
}
