// Every validation error and proofreading finding, each leading to its unit and field.
import type { ViewDiagnostic } from '../api-types.js';
import { byId, clear, h } from '../dom.js';
import { findUnit } from '../edit.js';
import { PAGE_ROWS, noFilters, state, view } from '../state.js';
import { renderUnits } from './units.js';

export const where = (d: ViewDiagnostic): string => `${d.file}:${d.line}:${d.col}`;
export const severityName = (d: ViewDiagnostic): string => (d.severity === 'error' ? '错误' : '提示');

export function renderDiagnostics(): void {
  const box = clear(byId('diagnostics'));
  const ds = view().diagnostics;
  if (!ds.length) return;
  const errors = ds.filter((d) => d.severity === 'error').length;
  box.append(
    h('section', { class: `card diagnostics ${errors ? 'has-errors' : ''}`, 'aria-labelledby': 'dg-title' },
      h('h2', { id: 'dg-title' }, errors ? `数据中有 ${errors} 个错误${ds.length > errors ? `、${ds.length - errors} 个提示` : ''}` : `校对提示 ${ds.length} 条`),
      errors ? h('p', { class: 'hint' }, '有错误时不能生成。点击一条可跳到表格中对应的单位和栏目。') : null,
      diagnosticList(ds, true),
    ),
  );
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
    const label = unit ? `${unit.name || '（未命名）'}` : '';
    const content = [
      h('span', { class: `sev ${d.severity}` }, severityName(d)),
      h('code', { class: 'loc' }, where(d)),
      label ? h('span', { class: 'unit' }, label) : null,
      h('span', { class: 'msg' }, d.message),
    ];
    return h('li', { class: d.severity }, jump && unit ? h('button', { type: 'button', class: 'diag-jump', on: { click: () => jumpTo(d) } }, content) : content);
  }));
}

/** What a jump needs of a diagnostic: the unit, the field and the item. */
export type Place = Pick<ViewDiagnostic, 'unitId' | 'field' | 'month'>;

export function jumpTo(d: Place): void {
  if (!d.unitId) return;
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
