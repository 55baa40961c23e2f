// The round's tabs (views/index.ts ROUND_TABS) and the sites and accounts tables: every field
// editable in place, each diagnostic beside its field.
import type { AccountRow, EditOp, SiteRow, UnitRow, ViewDiagnostic, YamlPath } from '../api-types.js';
import { API } from '../client.js';
import { byId, clear, flash, h } from '../dom.js';
import { findUnit, submitEdit } from '../edit.js';
import { PAGE_ROWS, state, view } from '../state.js';
import { fieldKey, severityName, where } from './diagnostics.js';
import { ROUND_TABS } from './index.js';

type Kind = 'sites' | 'accounts';

/** How a result still to fill reads, in its box and to a screen reader. */
const TODO = '待填写';

/** The result boxes drawn, with what an edit of each needs. */
const results = new WeakMap<HTMLElement, { u: UnitRow; path: YamlPath; label: string; key: string }>();

/** Set one result box (a click, a key): shown at once; the server's answer redraws the row. */
function setResult(btn: HTMLElement, value: '合格' | '不合格'): void {
  const r = results.get(btn);
  if (!r) return;
  btn.textContent = value;
  btn.className = `toggle ${value === '合格' ? 'pass' : 'fail'} pending`;
  void submitEdit(r.key, [{ op: 'set', file: r.u.file, path: r.path, value }], `${r.u.name} ${r.label}改为${value}`, value, { id: r.u.id, name: r.u.name });
}

/** A pasted cell as a result: 合格/不合格 and the usual ways of writing them; null: not a result. */
export function pastedResult(cell: string): '合格' | '不合格' | null {
  const t = cell.trim();
  if (/^(不合格|否|×|x|X|✗|0|n|N)$/.test(t)) return '不合格';
  if (/^(合格|是|√|✓|1|y|Y)$/.test(t)) return '合格';
  return null;
}

/**
 * The results grid from the keyboard: arrow keys move between result boxes (as in Excel),
 * 1/Y sets 合格 and 2/N 不合格 (then moves down), Tab leaves as usual; a column pasted from
 * Excel fills the boxes downward from the focused one, as one edit.
 */
function gridKeys(table: HTMLElement): void {
  const boxes = () => [...table.querySelectorAll<HTMLElement>('button.toggle')];
  const cellOf = (el: HTMLElement) => {
    const td = el.closest('td')!;
    const tr = td.closest('tr')!;
    return { row: [...tr.parentElement!.children].indexOf(tr), col: [...tr.children].indexOf(td) };
  };
  const move = (from: HTMLElement, dr: number, dc: number) => {
    const at = cellOf(from);
    const all = boxes().map((b) => ({ b, ...cellOf(b) }));
    const target = dr
      ? all.filter((x) => x.col === at.col && (dr > 0 ? x.row > at.row : x.row < at.row)).sort((a, b) => (dr > 0 ? a.row - b.row : b.row - a.row))[0]
      : all.filter((x) => x.row === at.row && (dc > 0 ? x.col > at.col : x.col < at.col)).sort((a, b) => (dc > 0 ? a.col - b.col : b.col - a.col))[0];
    target?.b.focus();
    return !!target;
  };
  table.addEventListener('keydown', (ev) => {
    const el = ev.target as HTMLElement;
    if (!el.classList.contains('toggle') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    const dirs: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
    if (dirs[k]) {
      ev.preventDefault();
      move(el, ...dirs[k]);
    } else if (k === '1' || k === 'y' || k === 'Y' || k === '2' || k === 'n' || k === 'N') {
      ev.preventDefault();
      setResult(el, k === '1' || k === 'y' || k === 'Y' ? '合格' : '不合格');
      move(el, 1, 0);
    }
  });
  table.addEventListener('paste', (ev) => {
    const el = ev.target as HTMLElement;
    if (!el.classList.contains('toggle')) return;
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    const cells = text.replace(/\r/g, '').split('\n').map((l) => l.split('\t')[0]);
    while (cells.length && cells[cells.length - 1].trim() === '') cells.pop();
    if (!cells.length) return;
    ev.preventDefault();
    const at = cellOf(el);
    const column = boxes().filter((b) => cellOf(b).col === at.col && cellOf(b).row >= at.row).sort((a, b) => cellOf(a).row - cellOf(b).row);
    const bad = cells.map((c, i) => [c, i] as const).filter(([c]) => pastedResult(c) === null);
    if (bad.length) {
      flash(`粘贴的第 ${bad[0][1] + 1} 行“${bad[0][0]}”不是合格或不合格，没有填入任何结果。`, 'error');
      return;
    }
    const edits: EditOp[] = [];
    cells.slice(0, column.length).forEach((c, i) => {
      const r = results.get(column[i]);
      if (r) edits.push({ op: 'set', file: r.u.file, path: r.path, value: pastedResult(c)! });
    });
    if (cells.length > column.length) flash(`粘贴了 ${cells.length} 行，表中往下只有 ${column.length} 个格，多出的没有填入。`, 'warn');
    const first = results.get(el)!;
    void submitEdit(`paste:${first.key}`, edits, `粘贴 ${edits.length} 个结果（从${first.u.name} ${first.label}起）`, null);
  });
}

export function renderUnits(): void {
  const box = clear(byId('units'));
  const v = view();
  if (!ROUND_TABS.some((t) => t.id === state.tab)) state.tab = ROUND_TABS[0].id;
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': '数据表' });
  const select = (id: string) => { state.tab = id; state.limit = PAGE_ROWS; renderUnits(); document.getElementById(`tab-${id}`)?.focus(); };
  ROUND_TABS.forEach((tab, i) => {
    tablist.append(
      h('button', {
        type: 'button', role: 'tab', id: `tab-${tab.id}`, 'aria-selected': String(state.tab === tab.id), 'aria-controls': 'tab-panel',
        tabindex: state.tab === tab.id ? '0' : '-1',
        on: {
          click: () => select(tab.id),
          keydown: (ev: KeyboardEvent) => {
            const n = ROUND_TABS.length;
            const to = ev.key === 'ArrowRight' ? ROUND_TABS[(i + 1) % n] : ev.key === 'ArrowLeft' ? ROUND_TABS[(i + n - 1) % n] : null;
            if (to) select(to.id);
          },
        },
      }, tab.label(v)),
    );
  });
  const panel = h('div', { id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': `tab-${state.tab}` });
  box.append(h('section', { class: 'card units' }, tablist, panel));
  ROUND_TABS.find((t) => t.id === state.tab)!.render(panel);
}

function diagnosticsByUnit(): Map<string, ViewDiagnostic[]> {
  const map = new Map<string, ViewDiagnostic[]>();
  for (const d of view().diagnostics) {
    if (!d.unitId) continue;
    if (!map.has(d.unitId)) map.set(d.unitId, []);
    map.get(d.unitId)!.push(d);
  }
  return map;
}

const isSite = (u: UnitRow): u is SiteRow => u.file === 'sites.yaml';

export function isFailing(u: UnitRow): boolean {
  if (isSite(u)) return u.result === '不合格';
  const rs = u.judged ?? u.results ?? [];
  return rs.includes('不合格');
}

export function renderTable(panel: HTMLElement, kind: Kind): void {
  const v = view();
  const units: UnitRow[] = kind === 'sites' ? v.sites : v.accounts;
  const diags = diagnosticsByUnit();
  const f = state.filters;
  const groups = [...new Map(units.map((u) => [u.group, u.groupName])).entries()];
  const platforms = [...new Map(v.accounts.map((u) => [u.platform, u.platformName])).entries()];

  const search = h('input', { type: 'search', id: 'filter-q', placeholder: kind === 'sites' ? '搜索名称、网址、问题' : '搜索名称、主办单位、问题', value: f.q, });
  search.addEventListener('input', () => { f.q = search.value; state.limit = PAGE_ROWS; redrawRows(); });
  const level = h('select', { id: 'filter-level' }, h('option', { value: '' }, '全部级别'), groups.map(([g, n]) => h('option', { value: g }, n)));
  level.value = f.level;
  level.addEventListener('change', () => { f.level = level.value; state.limit = PAGE_ROWS; redrawRows(); });
  const platform = h('select', { id: 'filter-platform' }, h('option', { value: '' }, '全部平台'), platforms.map(([p, n]) => h('option', { value: p }, n)));
  platform.value = f.platform;
  platform.addEventListener('change', () => { f.platform = platform.value; state.limit = PAGE_ROWS; redrawRows(); });
  const failing = h('input', { type: 'checkbox', id: 'filter-failing', checked: f.failing });
  failing.addEventListener('change', () => { f.failing = failing.checked; state.limit = PAGE_ROWS; redrawRows(); });
  const flagged = h('input', { type: 'checkbox', id: 'filter-flagged', checked: f.flagged });
  flagged.addEventListener('change', () => { f.flagged = flagged.checked; state.limit = PAGE_ROWS; redrawRows(); });

  const count = h('span', { class: 'muted count', 'aria-live': 'polite' });
  panel.append(
    h('div', { class: 'filters' },
      h('label', { for: 'filter-q' }, h('span', {}, '搜索'), search),
      h('label', { for: 'filter-level' }, h('span', {}, '级别'), level),
      kind === 'accounts' ? h('label', { for: 'filter-platform' }, h('span', {}, '平台'), platform) : null,
      h('label', { class: 'check' }, failing, '只看不合格'),
      h('label', { class: 'check' }, flagged, '只看有错误或提示的'),
      count,
    ),
  );
  const months = v.months;
  const head = kind === 'sites'
    ? ['序号', '级别', '网站名称', '网址', '结果', '问题曝光情况', '']
    : ['序号', '类别', '账号名称', '主办单位', ...months.map((m) => m.label), '问题曝光情况', ''];
  const tbody = h('tbody');
  const more = h('div', { class: 'more' });
  // 批量填写: the rows the filters show (all pages), one month or all, the empty ones or all
  const bulkMonth = h('select', { id: 'bulk-month' }, h('option', { value: '' }, '全部月份'), months.map((m, i) => h('option', { value: String(i) }, m.label)));
  const bulkScope = h('select', { id: 'bulk-scope' }, h('option', { value: 'todo' }, '待填写的'), h('option', { value: 'all' }, '全部（覆盖已填的）'));
  const bulkButton = h('button', { type: 'button', id: 'btn-bulk', class: 'primary' }, '设为合格');
  let shownNow: UnitRow[] = [];
  const bulkEdits = (): EditOp[] => {
    const onlyTodo = bulkScope.value === 'todo';
    const out: EditOp[] = [];
    for (const u of shownNow) {
      if (isSite(u)) {
        if (!onlyTodo || !u.result) out.push({ op: 'set', file: u.file, path: u.paths.result, value: '合格' });
      } else if (Array.isArray(u.results)) {
        u.results.forEach((r, i) => {
          if (bulkMonth.value !== '' && Number(bulkMonth.value) !== i) return;
          if (!onlyTodo || !r) out.push({ op: 'set', file: u.file, path: u.paths.results[i], value: '合格' });
        });
      }
    }
    return out;
  };
  const bulkCount = () => {
    const n = bulkEdits().length;
    bulkButton.textContent = `设为合格（${n} 项）`;
    bulkButton.disabled = n === 0;
  };
  bulkMonth.addEventListener('change', bulkCount);
  bulkScope.addEventListener('change', bulkCount);
  bulkButton.addEventListener('click', () => {
    const edits = bulkEdits();
    if (!edits.length) return;
    const what = `${f.level ? groups.find(([g]) => g === f.level)?.[1] ?? '' : ''}${kind === 'accounts' && f.platform ? platforms.find(([p]) => p === f.platform)?.[1] ?? '' : ''}`;
    const month = kind === 'accounts' && bulkMonth.value !== '' ? months[Number(bulkMonth.value)].label : '';
    void submitEdit(`bulk:${kind}`, edits, `批量填写：${what || (kind === 'sites' ? '网站' : '新媒体')}${month ? ` ${month}` : ''} ${edits.length} 项设为合格`, null);
  });
  const table = h('table', { class: `grid units-table ${kind}`, 'aria-label': kind === 'sites' ? '政府网站检查结果' : '政务新媒体各月检查结果' },
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, '操作'))))),
    tbody);
  gridKeys(table);
  panel.append(
    h('div', { class: 'bulk', role: 'group', 'aria-labelledby': 'bulk-title' },
      h('span', { id: 'bulk-title', class: 'bulk-title' }, '批量填写（表中列出的单位）：'),
      kind === 'accounts' ? h('label', { for: 'bulk-month' }, h('span', {}, '月份'), bulkMonth) : null,
      h('label', { for: 'bulk-scope' }, h('span', {}, '范围'), bulkScope),
      bulkButton,
      h('span', { class: 'hint' }, '先用筛选选出一组（级别、平台），全部设为合格后再逐个改出不合格的。结果格可用键盘：1 合格、2 不合格、方向键移动；也可从 Excel 复制一列后在格上粘贴。'),
    ),
    h('div', { class: 'table-wrap' }, table),
    more,
    addForm(kind),
  );

  const omitted = v.omitted[kind] ?? 0;
  let searchTimer = 0;
  function redrawRows(): void {
    const q = f.q.trim().toLowerCase();
    // a large round lists only some units; a search then asks the server for every match
    if (omitted && q && state.found[kind]?.q !== q) {
      clearTimeout(searchTimer);
      searchTimer = window.setTimeout(async () => {
        try {
          const res = await API.units(state.name!, f.q.trim());
          state.found[kind] = { q, units: res[kind] ?? [] };
          if (f.q.trim().toLowerCase() === q) redrawRows();
        } catch (e) {
          flash((e as Error).message, 'error');
        }
      }, 300);
    }
    const found = state.found[kind];
    const pool = omitted && q && found?.q === q ? mergeUnits(units, found.units) : units;
    const shown = pool.filter((u) => {
      if (f.level && u.group !== f.level) return false;
      if (!isSite(u) && f.platform && u.platform !== f.platform) return false;
      if (f.failing && !isFailing(u)) return false;
      if (f.flagged && !diags.has(u.id) && !failedFor(u.id)) return false;
      if (q) {
        const hay = [u.name, isSite(u) ? u.url : u.owner, ...u.problems].filter(Boolean).join('\n').toLowerCase();
        if (!hay.includes(q)) return false;
      }
      return true;
    });
    shownNow = shown;
    bulkCount();
    clear(tbody);
    const page = shown.slice(0, state.limit);
    for (const u of page) tbody.append(isSite(u) ? siteRow(u, diags.get(u.id) ?? []) : accountRow(u, diags.get(u.id) ?? [], months));
    if (!shown.length) tbody.append(h('tr', {}, h('td', { colspan: String(head.length), class: 'empty' }, '没有符合条件的单位。')));
    const total = units.length + omitted;
    count.textContent = shown.length === total ? `共 ${total} 个` : `显示 ${shown.length} 个（共 ${total} 个）`;
    if (omitted && !q) {
      tbody.append(h('tr', {}, h('td', { colspan: String(head.length), class: 'empty' }, `这一轮单位很多，表中只列出不合格的和有错误或提示的；另有 ${omitted} 个合格单位没有列出，可用上面的搜索框查找。`)));
    }
    clear(more);
    if (shown.length > page.length) {
      more.append(h('button', { type: 'button', on: { click: () => { state.limit += PAGE_ROWS; redrawRows(); } } }, `再显示 ${Math.min(PAGE_ROWS, shown.length - page.length)} 个（还有 ${shown.length - page.length} 个）`));
    }
  }
  redrawRows();
}

/** The listed units plus those a server search found, each once. */
function mergeUnits(listed: UnitRow[], found: UnitRow[]): UnitRow[] {
  const ids = new Set(listed.map((u) => u.id));
  return [...listed, ...found.filter((u) => !ids.has(u.id))];
}

const failedFor = (id: string): boolean => [...state.failed.keys()].some((k) => k.startsWith(id + '|'));

/** The fields a row has a control for; a diagnostic about any other field shows under the name. */
const ROW_FIELDS: Record<Kind, Set<string>> = {
  sites: new Set(['name', 'url', 'result', 'problems']),
  accounts: new Set(['name', 'owner', 'problems']),
};
function shownAt(d: ViewDiagnostic, kind: Kind, monthCount: number): string {
  const f = fieldKey(d);
  if (kind === 'accounts' && f && /^results:\d+$/.test(f) && Number(f.slice(8)) < monthCount) return f;
  return f && ROW_FIELDS[kind].has(f) ? f : 'name';
}

/** The messages for one field of a unit, shown under its control. */
function fieldNotes(ds: ViewDiagnostic[], field: string, key: string): HTMLElement | null {
  const kind: Kind = key.startsWith('accounts') ? 'accounts' : 'sites';
  const months = view().months.length;
  // a value still to fill shows as 待填写 in its control, not as a note
  const mine = ds.filter((d) => !d.fill && shownAt(d, kind, months) === field);
  const failed = state.failed.get(key);
  if (!mine.length && !failed) return null;
  return h('div', { class: 'notes' },
    mine.map((d) => h('div', { class: `note ${d.severity}` }, h('code', { class: 'loc' }, where(d)), ' ', `${severityName(d)}：${d.message}`)),
    failed ? h('div', { class: 'note not-saved', role: 'alert' }, failed.stale ? '未保存：文件已在别处被修改，见上方提示' : `未保存：${failed.message}`) : null,
  );
}

function severityClass(ds: ViewDiagnostic[], field: string): string {
  const mine = ds.filter((d) => !d.fill && fieldKey(d) === field);
  if (mine.some((d) => d.severity === 'error')) return 'field-error';
  if (mine.length) return 'field-warn';
  return '';
}

type TextFieldName = 'name' | 'url' | 'owner' | 'problems';

/** A text field saved when it changes (Enter or leaving the field); Escape puts the saved value back. */
function textField(u: UnitRow, field: TextFieldName, label: string, ds: ViewDiagnostic[], opts: { multiline?: boolean; placeholder?: string } = {}): HTMLElement {
  const key = `${u.id}|${field}`;
  const failed = state.failed.get(key);
  const saved = field === 'problems' ? u.problems.join('\n') : String((u as unknown as Record<string, unknown>)[field] ?? '');
  const el = opts.multiline ? h('textarea', {}) : h('input', { type: 'text' });
  const attrs: Record<string, string | undefined> = {
    class: `${severityClass(ds, field)} ${failed ? 'unsaved' : ''}`.trim(),
    'aria-label': `${u.name || '新单位'} 的${label}`,
    rows: opts.multiline ? String(Math.max(1, saved.split('\n').length)) : undefined,
    placeholder: opts.placeholder,
    // a long name is cut off in its column: the whole of it on hover
    title: !opts.multiline && saved ? saved : undefined,
    spellcheck: 'false',
  };
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== '') el.setAttribute(k, v);
  Object.assign(el.dataset, { key, field, orig: saved });
  el.value = failed ? (failed.value ?? '') : saved;
  el.addEventListener('keydown', (e) => {
    const ev = e as KeyboardEvent;
    if (ev.key === 'Escape') { el.value = saved; state.failed.delete(key); el.classList.remove('unsaved'); }
    if (ev.key === 'Enter' && !opts.multiline) el.blur();
  });
  if (el instanceof HTMLTextAreaElement) el.addEventListener('input', () => (el.rows = Math.max(1, el.value.split('\n').length)));
  el.addEventListener('change', () => {
    const value = el.value;
    if (value === saved && !failed) return;
    const label2 = `${u.name || '新单位'} 的${label}`;
    const build = () => fieldEdit(findUnit(u.id) ?? u, field, value);
    const edits = build();
    if (!edits) return;
    void submitEdit(key, edits, label2, value, { id: u.id, name: u.name }).then(() => {
      const f = state.failed.get(key);
      if (f) f.rebuild = build;
    });
  });
  return h('div', { class: 'cell-field' }, el, fieldNotes(ds, field, key));
}

/** The edits that set one text field of a unit to what the clerk typed. */
function fieldEdit(u: UnitRow, field: TextFieldName, value: string): EditOp[] | null {
  const path = (u.paths as Partial<Record<string, YamlPath>>)[field];
  if (field === 'problems') {
    const list = value.split('\n').map((s) => s.trim()).filter(Boolean);
    if (!list.length) return u.problems.length && path ? [{ op: 'delete', file: u.file, path }] : null;
    return [{ op: 'set', file: u.file, path: path ?? [...unitPath(u), 'problems'], value: list }];
  }
  return [{ op: 'set', file: u.file, path: path ?? [...unitPath(u), field], value: value.trim() }];
}

/** The YAML path of the unit itself (its name's path without the last key). */
export function unitPath(u: UnitRow): YamlPath {
  if (u.paths?.name) return u.paths.name.slice(0, -1);
  return String(u.id).split(':').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function resultToggle(u: UnitRow, value: string | undefined, path: YamlPath | null | undefined, label: string, key: string, field: string, ds: ViewDiagnostic[]): HTMLElement {
  const failed = state.failed.get(key);
  const shown = failed ? failed.value : value;
  const todo = !shown;
  const words = todo ? TODO : shown;
  const next = shown === '合格' ? '不合格' : '合格';
  const btn = h('button', {
    type: 'button',
    class: `toggle ${todo ? 'todo' : shown === '合格' ? 'pass' : 'fail'} ${severityClass(ds, field)} ${failed ? 'unsaved' : ''}`.trim(),
    'aria-label': `${u.name} ${label}：${words}，按下改为${next}`,
    title: `按下改为${next}；键盘：1 或 Y 合格，2 或 N 不合格，方向键移动`,
    dataset: { key, field, unit: u.id },
    disabled: !path,
  }, words);
  if (path) results.set(btn, { u, path, label, key });
  btn.addEventListener('click', () => setResult(btn, next));
  return btn;
}

function deleteButton(u: UnitRow, what: string): HTMLElement {
  return h('button', {
    type: 'button', class: 'ghost danger small', 'aria-label': `删除${what}：${u.name}`, title: `删除此${what}`,
    on: {
      click: () => {
        if (!confirm(`确定要删除${what}“${u.name}”吗？\n删除前的文件会保存在历史版本中。`)) return;
        void submitEdit(`${u.id}|delete`, [{ op: 'delete', file: u.file, path: unitPath(u) }], `删除${what}“${u.name}”`, null, { id: u.id, name: u.name });
      },
    },
  }, '删除');
}

function rowClass(u: UnitRow, ds: ViewDiagnostic[]): string {
  const real = ds.filter((d) => !d.fill);
  return [real.some((d) => d.severity === 'error') ? 'row-error' : real.length ? 'row-warn' : '', isFailing(u) ? 'row-fail' : ''].join(' ').trim();
}

function siteRow(u: SiteRow, ds: ViewDiagnostic[]): HTMLElement {
  return h('tr', { 'data-unit': u.id, class: rowClass(u, ds) },
    h('td', { class: 'num' }, String(u.index + 1)),
    h('td', {}, u.groupName),
    h('td', {}, textField(u, 'name', '网站名称', ds)),
    h('td', {}, textField(u, 'url', '网址', ds)),
    h('td', { class: 'center' }, resultToggle(u, u.result, u.paths?.result, '结果', `${u.id}|result`, 'result', ds), fieldNotes(ds, 'result', `${u.id}|result`)),
    h('td', {}, textField(u, 'problems', '问题曝光情况', ds, { multiline: true, placeholder: '每行一条' })),
    h('td', {}, deleteButton(u, '网站')),
  );
}

function accountRow(u: AccountRow, ds: ViewDiagnostic[], months: { label: string }[]): HTMLElement {
  const declared = Array.isArray(u.results);
  const values = (declared ? u.results : u.judged) ?? [];
  const monthCells = months.map((m, i) => {
    const key = `${u.id}|results:${i}`;
    const path = declared ? u.paths?.results?.[i] : null;
    const cell = declared
      ? resultToggle(u, values[i], path, m.label, key, `results:${i}`, ds)
      : h('span', {
          class: `judged ${values[i] === '合格' ? 'pass' : 'fail'}`,
          title: '按更新日期判定：要改结果，请在 accounts.yaml 中改这个账号的更新日期',
          'aria-label': `${u.name} ${m.label}：${values[i] ?? '无'}（按更新日期判定）`,
          tabindex: '0',
          dataset: { field: `results:${i}` },
        }, values[i] ?? '—');
    return h('td', { class: 'center' }, cell, fieldNotes(ds, `results:${i}`, key));
  });
  return h('tr', { 'data-unit': u.id, class: rowClass(u, ds) },
    h('td', { class: 'num' }, String(u.index + 1)),
    h('td', { class: 'kind' }, u.platformName, h('br'), h('span', { class: 'muted' }, u.groupName)),
    h('td', {}, textField(u, 'name', '账号名称', ds), u.service ? h('span', { class: 'badge muted', title: '微信服务号：按服务号的更新要求判定' }, '服务号') : null),
    h('td', {}, textField(u, 'owner', '主办单位', ds)),
    ...monthCells,
    h('td', {}, textField(u, 'problems', '问题曝光情况', ds, { multiline: true, placeholder: '每行一条' })),
    h('td', {}, deleteButton(u, '账号')),
  );
}

/** 添加网站 / 添加账号: a small form; the unit is appended to its group. */
function addForm(kind: Kind): HTMLElement {
  const v = view();
  const units: UnitRow[] = kind === 'sites' ? v.sites : v.accounts;
  const groups: [string, string][] = [...new Map(units.map((u) => [u.group as string, u.groupName])).entries()];
  if (!groups.length) groups.push(['department', '部门'], ['county', '县级']);
  const platforms: [string, string][] = [...new Map(v.accounts.map((u) => [u.platform as string, u.platformName])).entries()];
  if (!platforms.length) platforms.push(['weibo', '政务微博'], ['wechat', '政务微信']);
  const field = (id: string, label: string, el: HTMLElement) => h('label', { for: id }, h('span', {}, label), el);
  const name = h('input', { type: 'text', id: `add-${kind}-name`, required: true });
  const second = h('input', { type: 'text', id: `add-${kind}-second`, required: true });
  const group = h('select', { id: `add-${kind}-group` }, groups.map(([g, n]) => h('option', { value: g }, n)));
  const platform = h('select', { id: `add-${kind}-platform` }, platforms.map(([p, n]) => h('option', { value: p }, n)));
  const form = h('form', { class: 'add-form' },
    kind === 'accounts' ? field(`add-${kind}-platform`, '平台', platform) : null,
    field(`add-${kind}-group`, '级别', group),
    field(`add-${kind}-name`, kind === 'sites' ? '网站名称' : '账号名称', name),
    field(`add-${kind}-second`, kind === 'sites' ? '网址' : '主办单位', second),
    h('button', { type: 'submit', class: 'primary' }, kind === 'sites' ? '添加网站' : '添加账号'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = name.value.trim();
    const s = second.value.trim();
    if (!n || !s) { flash('请先填写名称和' + (kind === 'sites' ? '网址' : '主办单位') + '。', 'warn'); return; }
    const edit: EditOp = kind === 'sites'
      ? { op: 'insert', file: 'sites.yaml', path: [group.value], value: { name: n, url: s, result: '合格' } }
      : { op: 'insert', file: 'accounts.yaml', path: [platform.value, group.value], value: { name: n, owner: s, results: v.months.map(() => '合格') } };
    void submitEdit(`add:${kind}`, [edit], `添加“${n}”`, null).then(() => {
      if (!state.failed.has(`add:${kind}`)) { name.value = ''; second.value = ''; }
    });
  });
  return h('details', { class: 'add' }, h('summary', {}, kind === 'sites' ? '添加一个网站' : '添加一个账号'), form,
    h('p', { class: 'hint' }, kind === 'sites' ? '新网站的结果默认为“合格”，添加后可在表格中修改。' : '新账号各月结果默认为“合格”，添加后可在表格中修改。'));
}
