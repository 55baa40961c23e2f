// 通报信息: every field of notice.yaml with a control that fits it — dates with a date picker,
// lists (主送 is one text; 依据, 存在的问题, 下步要求) with add/remove/move, the order of the
// failing accounts as an ordered list with 按附件顺序, the compare options as checkboxes. Each
// change is one edit through src/edit (as every other edit), checked with the same messages.
import type { EditOp, YamlPath } from '../api-types.js';
import { h } from '../dom.js';
import type { Child } from '../dom.js';
import { submitEdit } from '../edit.js';
import { state, view } from '../state.js';
import { wholeOverview } from './overview.js';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function get(path: YamlPath): unknown {
  let v: unknown = view().notice;
  for (const s of path) v = obj(v)[s as string];
  return v;
}

/** The edit that sets a field: into its parent when that is there, else the parent as a whole. */
function setEdit(path: YamlPath, value: unknown): EditOp {
  if (path.length > 1 && get(path.slice(0, -1)) === undefined) {
    return { op: 'set', file: 'notice.yaml', path: path.slice(0, -1), value: { [path[path.length - 1] as string]: value } };
  }
  return { op: 'set', file: 'notice.yaml', path, value };
}

function save(path: YamlPath, label: string, value: unknown, optional = false): void {
  const key = `notice|${path.join('.')}`;
  const had = get(path) !== undefined;
  // an optional field left empty is removed (the notice then says what it says without it)
  const edits: EditOp[] = optional && (value === '' || value === null) ? (had ? [{ op: 'delete', file: 'notice.yaml', path }] : []) : [setEdit(path, value)];
  if (!edits.length) return;
  void submitEdit(key, edits, `通报信息 · ${label}`, typeof value === 'string' ? value : null);
}

/** Messages about a field (validation, and values still to fill) under its control. */
function notes(top: string): Child {
  const ds = view().diagnostics.filter((d) => d.file === 'notice.yaml' && d.field === top);
  const failed = [...state.failed.entries()].filter(([k]) => k.startsWith(`notice|${top}`));
  if (!ds.length && !failed.length) return null;
  return h('div', { class: 'notes' },
    ds.map((d) => h('div', { class: `note ${d.fill ? 'fill' : d.severity}` }, d.message, ' ', h('code', { class: 'loc' }, `${d.file}:${d.line}:${d.col}`))),
    failed.map(([, f]) => h('div', { class: 'note not-saved', role: 'alert' }, `未保存：${f.message}`)));
}

let seq = 0;
/** A labelled single-line field (text or date). */
function field(path: YamlPath, label: string, opts: { type?: 'text' | 'date'; optional?: boolean; hint?: string; wide?: boolean } = {}): HTMLElement {
  const id = `nf-${++seq}`;
  const value = get(path);
  const key = `notice|${path.join('.')}`;
  const failed = state.failed.get(key);
  const input = h('input', {
    type: opts.type ?? 'text',
    id,
    class: value === null ? 'todo-field' : '',
    value: failed ? (failed.value ?? '') : str(value),
    placeholder: value === null ? '待填写' : opts.optional ? '可不填' : '',
    'aria-describedby': opts.hint ? `${id}-hint` : undefined,
    dataset: { key, noticeField: path.join('.'), orig: str(value) },
  });
  input.addEventListener('change', () => save(path, label, input.value.trim(), opts.optional));
  return h('div', { class: `nf-field${opts.wide ? ' wide' : ''}` },
    h('label', { for: id }, label, value === null ? h('span', { class: 'todo-tag' }, '待填写') : null),
    input,
    opts.hint ? h('span', { class: 'hint', id: `${id}-hint` }, opts.hint) : null,
  );
}

/** A list of {heading, text} (存在的问题, 下步要求) or {title, number} (检查依据). */
function listEditor(top: string, label: string, parts: [string, string, 'input' | 'textarea', boolean][]): HTMLElement {
  const items = (Array.isArray(get([top])) ? (get([top]) as unknown[]) : []).map((x) => ({ ...obj(x) }));
  const saveAll = (list: Raw[], what: string) => {
    const clean = list.map((it) => Object.fromEntries(parts.flatMap(([k, , , optional]) => (optional && !str(it[k]).trim() ? [] : [[k, str(it[k]).trim()]]))));
    void submitEdit(`notice|${top}`, [setEdit([top], clean)], `通报信息 · ${label}：${what}`, null);
  };
  const rows = items.map((it, i) =>
    h('li', { class: 'nf-item' },
      h('div', { class: 'nf-item-fields' },
        parts.map(([k, partLabel, tag, optional]) => {
          const id = `nf-${++seq}`;
          const el = tag === 'textarea' ? h('textarea', { id, rows: '3', dataset: { noticeField: `${top}.${i}.${k}` } }) : h('input', { type: 'text', id, dataset: { noticeField: `${top}.${i}.${k}` } });
          el.value = str(it[k]);
          el.addEventListener('change', () => {
            items[i][k] = el.value;
            saveAll(items, `第 ${i + 1} 项的${partLabel}`);
          });
          return h('div', { class: 'nf-field wide' }, h('label', { for: id }, `第 ${i + 1} 项 ${partLabel}${optional ? '（可不填）' : ''}`), el);
        }),
      ),
      h('div', { class: 'nf-item-tools' },
        h('button', { type: 'button', class: 'ghost small', disabled: i === 0, 'aria-label': `${label}第 ${i + 1} 项上移`, on: { click: () => { const [x] = items.splice(i, 1); items.splice(i - 1, 0, x); saveAll(items, `第 ${i + 1} 项上移`); } } }, '上移'),
        h('button', { type: 'button', class: 'ghost small', disabled: i === items.length - 1, 'aria-label': `${label}第 ${i + 1} 项下移`, on: { click: () => { const [x] = items.splice(i, 1); items.splice(i + 1, 0, x); saveAll(items, `第 ${i + 1} 项下移`); } } }, '下移'),
        h('button', { type: 'button', class: 'ghost danger small', 'aria-label': `删除${label}第 ${i + 1} 项`, on: { click: () => { items.splice(i, 1); saveAll(items, `删除第 ${i + 1} 项`); } } }, '删除'),
      ),
    ),
  );
  // a new item fills only what is required: a placeholder in an optional part (a 文号 in （…）) would be printed, and is refused
  const add = h('button', { type: 'button', class: 'small', on: { click: () => { items.push(Object.fromEntries(parts.filter(([, , , optional]) => !optional).map(([k]) => [k, `（请填写）`]))); saveAll(items, '增加一项'); } } }, `增加一项${label}`);
  return h('fieldset', { class: 'nf-list', 'data-notice-field': top },
    h('legend', {}, label),
    notes(top),
    h('ol', {}, rows),
    add,
  );
}

/** 不合格新媒体的列举顺序: the failing accounts in the notice's order; moving one saves the order. */
function failingOrder(): HTMLElement {
  const v = view();
  const given = Array.isArray(get(['failing_order'])) ? (get(['failing_order']) as unknown[]).map(str) : null;
  // a large round's view lists the first failing accounts only: an order is made from them all
  const whole = given ? v.overview : wholeOverview(v, () => document.querySelector('fieldset[data-notice-field="failing_order"]')?.replaceWith(failingOrder()));
  if (!whole && v.overview) {
    return h('fieldset', { class: 'nf-list', 'data-notice-field': 'failing_order' }, h('legend', {}, '不合格政务新媒体在正文中的列举顺序'), h('p', { class: 'muted' }, '正在读取完整的不合格名单……'));
  }
  const failing = (whole?.failingAccounts ?? []).map((a) => `${a.name}（${a.platformLabel}）`);
  const list = given ?? failing;
  const saveOrder = (next: string[], what: string) => void submitEdit('notice|failing_order', [setEdit(['failing_order'], next)], `通报信息 · 列举顺序：${what}`, null);
  return h('fieldset', { class: 'nf-list', 'data-notice-field': 'failing_order' },
    h('legend', {}, '不合格政务新媒体在正文中的列举顺序'),
    h('p', { class: 'hint' }, given ? '按下面的顺序列举（自定顺序）。' : '现按附件顺序列举（先微博后微信，各自先州直部门后县级）。移动任一项即改为自定顺序。'),
    notes('failing_order'),
    list.length
      ? h('ol', { class: 'order-list' }, list.map((name, i) =>
          h('li', {},
            h('span', {}, name), ' ',
            h('button', { type: 'button', class: 'ghost small', disabled: i === 0, 'aria-label': `${name} 上移`, on: { click: () => { const n = [...list]; n.splice(i - 1, 0, n.splice(i, 1)[0]); saveOrder(n, `${name}上移`); } } }, '上移'),
            h('button', { type: 'button', class: 'ghost small', disabled: i === list.length - 1, 'aria-label': `${name} 下移`, on: { click: () => { const n = [...list]; n.splice(i + 1, 0, n.splice(i, 1)[0]); saveOrder(n, `${name}下移`); } } }, '下移'))))
      : h('p', { class: 'muted' }, '目前没有不合格的政务新媒体。'),
    given ? h('button', { type: 'button', id: 'btn-order-reset', on: { click: () => void submitEdit('notice|failing_order', [{ op: 'delete', file: 'notice.yaml', path: ['failing_order'] }], '通报信息 · 列举顺序改为按附件顺序', null) } }, '按附件顺序') : null,
  );
}

function checkbox(path: YamlPath, label: string): HTMLElement {
  const id = `nf-${++seq}`;
  const box = h('input', { type: 'checkbox', id, checked: get(path) === true, dataset: { noticeField: path.join('.') } });
  box.addEventListener('change', () => save(path, label, box.checked));
  return h('label', { class: 'check', for: id }, box, label);
}

export function renderNotice(panel: HTMLElement): void {
  const v = view();
  if (!v.notice) {
    panel.append(h('p', { class: 'error-box' }, '通报信息的文件 notice.yaml 读不出来（见上方的错误，要在文本编辑器中改正），改正后这里可以填写通报信息。'));
    return;
  }
  const months = v.months.map((m) => m.label).join('、');
  panel.append(
    h('form', { class: 'notice-form', 'aria-label': '通报信息', on: { submit: (ev: Event) => ev.preventDefault() } },
      h('p', { class: 'hint' }, `季度：${v.heading.round || str(get(['round']))}；新媒体检查月份：${months}。（季度和月份在新建一季度时定下。）每一栏改完离开即保存，原文件自动留存历史版本。`),
      h('fieldset', {}, h('legend', {}, '文号与标题'), notes('doc_number'), notes('title'),
        field(['doc_number'], '发文字号', { optional: true, hint: '如“黔东南政信〔2024〕1号”；没有就留空' }),
        field(['title'], '标题', { optional: true, wide: true, hint: '留空则按季度自动生成' }),
        field(['issuer'], '发文机关'),
        field(['scope'], '通报范围', { hint: '正文中的称呼，如“全州”' }),
        field(['recipients'], '主送机关', { wide: true }),
      ),
      h('fieldset', {}, h('legend', {}, '日期'), notes('inspection'), notes('issued'), notes('deadline'),
        field(['inspection', 'from'], '检查开始日期', { type: 'date' }),
        field(['inspection', 'to'], '检查结束日期', { type: 'date' }),
        field(['inspection', 'coverage'], '检查比例', { hint: '如 100%' }),
        field(['issued'], '成文日期', { type: 'date' }),
        field(['deadline'], '整改截止日期', { type: 'date', hint: '须晚于成文日期' }),
      ),
      h('fieldset', {}, h('legend', {}, '联系人'), notes('contact'),
        field(['contact', 'name'], '联系人姓名'),
        field(['contact', 'phone'], '联系电话'),
      ),
      h('fieldset', {}, h('legend', {}, '级别名称'), notes('levels'),
        field(['levels', 'department'], '部门一级的名称', { hint: '如“州直部门”' }),
        field(['levels', 'county'], '县级的名称', { hint: '如“县（市）”' }),
      ),
      listEditor('basis', '检查依据', [['title', '文件名称', 'input', false], ['number', '文号', 'input', true]]),
      listEditor('problems', '存在的问题', [['heading', '小标题', 'input', false], ['text', '内容', 'textarea', false]]),
      listEditor('requirements', '下步要求', [['heading', '小标题', 'input', false], ['text', '内容', 'textarea', false]]),
      failingOrder(),
      h('fieldset', { 'data-notice-field': 'compare' }, h('legend', {}, '与上季度对比'), notes('compare'),
        checkbox(['compare', 'paragraph'], '正文写入合格率、比上季度的变化、连续两个季度不合格和复查情况'),
        checkbox(['compare', 'annex_column'], '附件表格加“上季度结果”一列'),
      ),
    ),
  );
}
