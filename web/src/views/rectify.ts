// The 整改 tab of a round: each failing unit's site or account with what came back — tick
// 已收到整改报告 with its date, set 复查结果 and its date. Each change is saved at once into
// rectify.yaml (POST …/rectify: only the values changed, through src/edit, with the file's hash
// as this page read it).
import type { RectifyAnswer, RectifyChange, RectifyItemView } from '../api-types.js';
import { API, ApiError } from '../client.js';
import { flash, h } from '../dom.js';
import { state } from '../state.js';
import { renderUnits } from './units.js';

/** the answer for the round now open (fetched when the tab is first drawn) */
let shown: { name: string; answer: RectifyAnswer | null; error: string | null } | null = null;

const REVIEWS = ['未复查', '合格', '不合格'] as const;
const STATUS: Record<RectifyItemView['status'], string> = { 'on-time': '按期', late: '逾期', missing: '未报送' };

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function load(name: string): Promise<void> {
  try {
    const answer = await API.rectify(name);
    shown = { name, answer, error: null };
  } catch (e) {
    shown = { name, answer: null, error: (e as Error).message };
  }
  if (state.name === name && state.tab === 'rectify' && document.getElementById('tab-panel')) renderUnits();
}

/** changes are sent one at a time, in order, each with the hash the previous answer gave */
let queue: Promise<unknown> = Promise.resolve();

function save(name: string, key: string, patch: Partial<RectifyChange>, label: string): Promise<unknown> {
  queue = queue.then(() => send(name, key, patch, label));
  return queue;
}

async function send(name: string, key: string, patch: Partial<RectifyChange>, label: string): Promise<void> {
  const answer = shown?.answer;
  if (!answer || shown?.name !== name) return;
  const now = answer.items.find((x) => x.key === key);
  if (!now) return;
  // the unit as the last answer has it, with this one change: earlier changes are never undone
  const change: RectifyChange = { key, reported: now.reported, summary: now.summary, review: now.review, reviewed: now.reviewed, ...patch };
  // the same change twice (a date field reports its change more than once): nothing to send
  if (now.reported === change.reported && now.summary === change.summary && now.review === change.review && now.reviewed === change.reviewed) return;
  try {
    const next = await API.saveRectify(name, { hash: answer.hash, changes: [change] });
    if (state.name !== name) return;
    shown = { name, answer: next, error: null };
    flash(`已保存：${label}`);
  } catch (e) {
    const err = e as ApiError;
    flash(`未保存：${err.message}`, 'error');
    // the file may have changed elsewhere: read it again so the page shows what is on disk
    if (err.status === 409) return load(name);
  }
  if (state.name === name && state.tab === 'rectify' && document.getElementById('tab-panel')) renderUnits();
}

function row(name: string, it: RectifyItemView): HTMLElement {
  const label = `${it.name}（${it.kind}）`;
  const reportedDate = h('input', { type: 'date', value: it.reported ?? '', 'aria-label': `${label} 整改报告报送日期`, disabled: it.reported === null });
  const received = h('input', {
    type: 'checkbox',
    checked: it.reported !== null,
    'aria-label': `${label} 已收到整改报告`,
    on: {
      change: () => {
        const date = received.checked ? reportedDate.value || today() : null;
        void save(name, it.key, { reported: date }, `${label} ${date ? `已收到整改报告（${date}）` : '未收到整改报告'}`);
      },
    },
  });
  reportedDate.addEventListener('change', () => {
    if (reportedDate.value) void save(name, it.key, { reported: reportedDate.value }, `${label} 报送日期 ${reportedDate.value}`);
  });
  const review = h(
    'select',
    { 'aria-label': `${label} 复查结果`, on: { change: () => void save(name, it.key, { review: review.value as RectifyChange['review'], reviewed: review.value === '未复查' ? null : (it.reviewed ?? today()) }, `${label} 复查结果 ${review.value}`) } },
    REVIEWS.map((r) => h('option', { value: r, selected: r === it.review }, r)),
  );
  const reviewed = h('input', {
    type: 'date',
    value: it.reviewed ?? '',
    'aria-label': `${label} 复查日期`,
    disabled: it.review === '未复查',
    on: { change: () => void save(name, it.key, { reviewed: reviewed.value || null }, `${label} 复查日期 ${reviewed.value}`) },
  });
  return h(
    'tr',
    { dataset: { key: it.key } },
    h('td', {}, it.unit),
    h('td', {}, label, h('div', { class: 'muted' }, it.problems)),
    h('td', {}, h('label', {}, received, ' 已收到整改报告'), ' ', reportedDate, h('div', { class: 'muted' }, STATUS[it.status])),
    h('td', {}, review),
    h('td', {}, reviewed),
  );
}

export function renderRectify(panel: HTMLElement): void {
  const name = state.name;
  if (!name) return;
  if (!shown || shown.name !== name) {
    shown = { name, answer: null, error: null };
    panel.append(h('p', { class: 'loading' }, '正在读取整改情况……'));
    void load(name);
    return;
  }
  if (shown.error) {
    panel.append(h('p', { class: 'error-box' }, shown.error));
    return;
  }
  const a = shown.answer;
  if (!a) {
    panel.append(h('p', { class: 'loading' }, '正在读取整改情况……'));
    return;
  }
  if (!a.items.length) {
    panel.append(h('p', { class: 'muted' }, '本轮没有不合格的网站和政务新媒体，不需要整改。'));
    return;
  }
  const c = a.counts;
  panel.append(
    h('p', { class: 'hint', id: 'rectify-counts' }, `整改时限 ${a.deadline}。不合格 ${c.items} 个：按期报送 ${c.onTime}，逾期报送 ${c.late}，未报送 ${c.missing}；复查合格 ${c.passed}，不合格 ${c.failed}，未复查 ${c.notReviewed}。记在本轮文件夹的 rectify.yaml 中。`),
    h(
      'table',
      { class: 'grid rectify' },
      h('thead', {}, h('tr', {}, ['单位', '名称与问题', '整改报告', '复查结果', '复查日期'].map((t) => h('th', {}, t)))),
      h('tbody', {}, a.items.map((it) => row(name, it))),
    ),
  );
}
