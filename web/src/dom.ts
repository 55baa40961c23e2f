// Building the page: elements made with setAttribute / textContent only (never HTML from data),
// the status line, formatting of times and sizes.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (ev: never) => void;
export interface Attrs {
  [k: string]: unknown;
  on?: Record<string, Handler>;
  class?: string;
  text?: string;
  value?: string;
  checked?: boolean;
  dataset?: Record<string, string>;
}

/** An element: attributes set with setAttribute (never as HTML), children as text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v as Record<string, EventListener>)) el.addEventListener(ev, fn);
    else if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'value') (el as unknown as HTMLInputElement).value = String(v);
    else if (k === 'checked') (el as unknown as HTMLInputElement).checked = !!v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append<E extends Element>(el: E, children: Child[]): E {
  for (const c of (children as unknown[]).flat(Infinity as 1) as unknown[]) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear<E extends Element>(el: E): E {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** An element of the page's frame, by id (the frame is drawn before any part). */
export function byId<E extends HTMLElement = HTMLElement>(id: string): E {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as E;
}

let statusTimer = 0;
/** A message in the status line (read out by screen readers); errors stay until closed. */
export function flash(message: string, kind: 'ok' | 'warn' | 'error' = 'ok'): void {
  const statusBox = byId('status');
  clearTimeout(statusTimer);
  clear(statusBox);
  statusBox.className = `status show ${kind}`;
  append(statusBox, [
    h('span', { text: message }),
    h('button', { type: 'button', class: 'link', 'aria-label': '关闭提示', on: { click: () => (statusBox.className = 'status') } }, '×'),
  ]);
  if (kind !== 'error') statusTimer = window.setTimeout(() => (statusBox.className = 'status'), kind === 'ok' ? 5000 : 10000);
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fmtSize(n: unknown): string {
  if (typeof n !== 'number') return '';
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
