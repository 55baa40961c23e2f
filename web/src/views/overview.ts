// Totals and failing lists as the notice states them.
import type { Overview, RoundView } from '../api-types.js';
import { API } from '../client.js';
import { byId, clear, flash, h } from '../dom.js';
import { state, view } from '../state.js';
import { jumpTo } from './diagnostics.js';

/** the overview's figures as last drawn, by label */
let lastTiles: Record<string, number | undefined> | null = null;
export function resetOverview(): void {
  lastTiles = null;
  full = null;
}

export function renderOverview(): void {
  const box = clear(byId('overview'));
  const v = view();
  const o = v.overview;
  if (!o) {
    box.append(h('section', { class: 'card muted-card' }, h('h2', {}, '通报概况'), h('p', {}, '数据有错误，暂时算不出通报的数字。请先改正下面列出的错误。')));
    return;
  }
  const t = o.totals;
  // a figure that an edit just changed flashes once
  const was = lastTiles;
  const now: Record<string, number | undefined> = {};
  lastTiles = now;
  const tile = (label: string, value: number | undefined, sub: string, kind = '') => {
    now[label] = value;
    const changed = was && label in was && was[label] !== value;
    return h('div', { class: `tile ${kind}${changed ? ' changed' : ''}` }, h('div', { class: 'tile-value' }, String(value ?? '—')), h('div', { class: 'tile-label' }, label), sub ? h('div', { class: 'tile-sub' }, sub) : null);
  };
  const levelNames = groupNames();
  const sub = (x: { department: number; county: number } | undefined) => (x && x.department !== undefined ? `${levelNames.department ?? '部门'} ${x.department} · ${levelNames.county ?? '县级'} ${x.county}` : '');
  // each name as the notice prints it, with the row it stands for (to jump to)
  const siteRows = new Map(v.sites.map((u) => [u.name, u.id]));
  const accRows = new Map(v.accounts.map((u) => [`${u.name}（${u.platformName}）`, u.id]));
  // a large round's view lists the first names only (overview.omitted); shown whole once asked for
  const whole = full && full.view === v ? full.overview : null;
  const siteMore = whole ? 0 : o.omitted?.failingSites ?? 0;
  const accMore = whole ? 0 : o.omitted?.failingAccounts ?? 0;
  const siteNames = (whole ?? o).failingSites.map((s) => ({ label: s.name, unitId: siteRows.get(s.name) ?? null }));
  const accNames = (whole ?? o).failingAccounts.map((a) => {
    const label = `${a.name}（${a.platformLabel}）`;
    return { label, unitId: accRows.get(label) ?? null };
  });
  box.append(
    h('section', { class: 'card overview', 'aria-labelledby': 'ov-title' },
      h('h2', { id: 'ov-title' }, '通报概况'),
      h('div', { class: 'tiles' },
        tile('政府网站', t.sites?.total, sub(t.sites)),
        tile('不合格网站', t.sites?.failing, '', t.sites?.failing ? 'bad' : 'good'),
        tile('政务新媒体', t.accounts?.total, sub(t.accounts)),
        tile('不合格新媒体', t.accounts?.failing, '', t.accounts?.failing ? 'bad' : 'good'),
      ),
      h('div', { class: 'failing' },
        h('h3', {}, `不合格网站（${siteNames.length + siteMore}）`),
        nameList('failing-sites', siteNames, siteMore),
        h('h3', {}, `不合格政务新媒体（${accNames.length + accMore}）`),
        nameList('failing-accounts', accNames, accMore),
      ),
      o.sentences.length ? h('details', { class: 'sentences' }, h('summary', {}, '通报“总体情况”原文'), ...o.sentences.map((s) => h('p', {}, s))) : null,
    ),
  );
}

/** Names joined with 、 as the notice lists them; a long list shows its start until asked for all. */
const LONG_LIST = 60;
const expanded = new Set<string>();
/** the whole failing lists of the view now shown, fetched when a list was cut short by the server */
let full: { view: RoundView; overview: Overview } | null = null;
let fetching: RoundView | null = null;

/** what else waits for the whole lists (the notice form's 列举顺序) */
let waiting: (() => void)[] = [];

/** Ask the server for the whole lists of this view, then draw the overview (and what waits) again. */
async function fetchWhole(v: RoundView, then?: () => void): Promise<void> {
  if (then) waiting.push(then);
  if (fetching === v || !state.name) return;
  fetching = v;
  try {
    const answer = await API.overview(state.name);
    if (state.view === v && answer.overview) {
      full = { view: v, overview: answer.overview };
      renderOverview();
      for (const f of waiting.splice(0)) f();
    }
  } catch (e) {
    waiting = [];
    flash(`没有读到完整名单：${(e as Error).message}`, 'error');
  } finally {
    if (fetching === v) fetching = null;
  }
}

/**
 * The overview with whole lists: the view's own when nothing was left out, else the one fetched
 * for this view; null while it is being fetched (`then` runs once it is there).
 */
export function wholeOverview(v: RoundView, then: () => void): Overview | null {
  const o = v.overview;
  if (!o || !(o.omitted?.failingSites || o.omitted?.failingAccounts)) return o;
  if (full && full.view === v) return full.overview;
  void fetchWhole(v, then);
  return null;
}

/**
 * `names` are what the view lists, `more` how many the server left out after them. Asked for
 * all, the page fetches the whole lists (and again after each edit while the list is open).
 */
function nameList(id: string, names: { label: string; unitId: string | null }[], more = 0): HTMLElement {
  if (!names.length) return h('p', { class: 'muted', id }, '无');
  const total = names.length + more;
  const open = expanded.has(id);
  if (open && more > 0) void fetchWhole(view());
  const all = (total <= LONG_LIST || open) && more === 0;
  const shown = all ? names : names.slice(0, LONG_LIST);
  const items = shown.flatMap((n, i) => [
    i ? '、' : null,
    n.unitId
      ? h('button', { type: 'button', class: 'name-link', title: '在表格中找到它', on: { click: () => jumpTo({ unitId: n.unitId, field: null, month: null }) } }, n.label)
      : n.label,
  ]);
  if (all) return h('p', { class: 'names', id }, items);
  if (open) return h('p', { class: 'names', id }, items, `……还有 ${total - shown.length} 个（正在读取完整名单）`);
  const p = h('p', { class: 'names', id }, items, `……等 ${total} 个 `);
  p.append(h('button', { type: 'button', class: 'ghost small', on: { click: () => { expanded.add(id); p.replaceWith(nameList(id, names, more)); } } }, '全部显示'));
  return p;
}

/** 州直部门 / 县(市) as the data names its groups. */
export function groupNames(): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const v = state.view;
  if (!v) return out;
  for (const u of [...v.sites, ...v.accounts]) out[u.group] ??= u.groupName;
  return out;
}
