// Every validation error and proofreading finding, each leading to its unit and field.
import type { JumpTarget, ViewDiagnostic } from '../api-types.js';
import { byId, clear, h } from '../dom.js';
import { findUnit } from '../edit.js';
import { PAGE_ROWS, noFilters, state, view } from '../state.js';
import { renderUnits } from './units.js';

export const where = (d: ViewDiagnostic): string => `${d.file}:${d.line}:${d.col}`;
export const severityName = (d: ViewDiagnostic): string => (d.fill ? '待填写' : d.severity === 'error' ? '错误' : '提示');

export function renderDiagnostics(): void {
  const box = clear(byId('diagnostics'));
  // values still to fill are progress (views/progress.ts), not problems
  const ds = view().diagnostics.filter((d) => !d.fill);
  if (!ds.length) return;
  const errors = ds.filter((d) => d.severity === 'error').length;
  box.append(
    h('section', { class: `card diagnostics ${errors ? 'has-errors' : ''}`, 'aria-labelledby': 'dg-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'dg-title' }, errors ? `数据中有 ${errors} 个错误${ds.length > errors ? `、${ds.length - errors} 个提示` : ''}` : `校对提示 ${ds.length} 条`),
        locationToggle(),
      ),
      errors ? h('p', { class: 'hint' }, '有错误时不能生成。点击一条可跳到对应的单位和栏目。') : null,
      diagnosticList(ds, true),
    ),
  );
}

/** FILE:LINE:COL is for colleagues who edit the YAML: shown on request, remembered for the session. */
export function locationToggle(): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'show-loc', checked: document.body.classList.contains('show-loc') });
  box.addEventListener('change', () => document.body.classList.toggle('show-loc', box.checked));
  return h('label', { class: 'check small' }, box, '显示文件位置（行:列）');
}

/** Findings listed at most; past that the list says how many more (the tables still mark every one). */
const MAX_LISTED = 500;

export function diagnosticList(ds: ViewDiagnostic[], jump = false): HTMLElement | null {
  if (!ds.length) return null;
  const more = ds.length - MAX_LISTED;
  if (more > 0) {
    const list = diagnosticList(ds.slice(0, MAX_LISTED), jump)!;
    list.append(h('li', { class: 'muted' }, `另有 ${more} 条未列出，请先改正上面的。`));
    return list;
  }
  return h('ol', { class: 'diag-list' }, ds.map((d) => {
    const unit = d.unitId ? findUnit(d.unitId) : null;
    const content = [
      h('span', { class: `sev ${d.fill ? 'fill' : d.severity}` }, severityName(d)),
      h('span', { class: 'unit' }, d.place),
      h('span', { class: 'msg' }, d.message),
      h('code', { class: 'loc', title: '数据文件中的位置（文件:行:列）' }, where(d)),
    ];
    const canJump = jump && (unit || (d.unitId === null && d.file === 'notice.yaml' && d.field));
    return h('li', { class: d.fill ? 'fill' : d.severity }, canJump ? h('button', { type: 'button', class: 'diag-jump', on: { click: () => jumpTo(d) } }, content) : content);
  }));
}

/** What a jump needs of a diagnostic: the unit, the field and the item. */
export type Place = JumpTarget;

export function jumpTo(d: Place): void {
  if (!d.unitId) {
    // a field of notice.yaml: the notice form
    state.tab = 'notice';
    renderUnits();
    const el = d.field ? document.querySelector<HTMLElement>(`[data-notice-field^="${CSS.escape(d.field)}"]`) : null;
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
    return;
  }
  const v = view();
  const isSite = v.sites.some((u) => u.id === d.unitId);
  state.tab = isSite ? 'sites' : 'accounts';
  state.filters = noFilters();
  const list: { id: string }[] = isSite ? v.sites : v.accounts;
  const at = list.findIndex((u) => u.id === d.unitId);
  state.limit = Math.max(PAGE_ROWS, Math.ceil((at + 1) / PAGE_ROWS) * PAGE_ROWS);
  renderUnits();
  const row = document.querySelector<HTMLElement>(`tr[data-unit="${CSS.escape(d.unitId)}"]`);
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  const field = fieldKey(d);
  const target = (field && row.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)) || row.querySelector<HTMLElement>('input, button, textarea');
  target?.focus();
  row.classList.add('flash');
  setTimeout(() => row.classList.remove('flash'), 1500);
}

/** The control a diagnostic is about: the field, and the month for results. */
export function fieldKey(d: Place): string | null {
  if (!d.field) return null;
  const item = d.month;
  if (d.field === 'results' && Number.isInteger(item)) return `results:${item}`;
  return d.field;
}
