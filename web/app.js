// 通报助手: the page `tongbao serve` serves. Plain modern JavaScript, no framework, no build.
// Text from the data is only ever put into the page with textContent / value / setAttribute;
// the one HTML string inserted as is, the notice preview, comes escaped from the server's
// renderer (src/render/html).

const TOKEN = document.querySelector('meta[name="tongbao-token"]')?.getAttribute('content') ?? '';
const main = document.getElementById('main');
const statusBox = document.getElementById('status');

/** Rows of a table drawn at first, and added each time 显示更多 is pressed. */
const PAGE_ROWS = 100;

const state = {
  root: '',
  rounds: null,
  name: null,
  view: null,
  files: null,
  tab: 'accounts',
  filters: { q: '', level: '', platform: '', failing: false, flagged: false },
  limit: PAGE_ROWS,
  /** edits the server refused or could not take: key → { edits, value, message, stale } */
  failed: new Map(),
  /** the last action's answer shown under the toolbar */
  result: null,
  /** an Excel import checked but not yet applied */
  importDraft: null,
  busy: '',
  /** what this machine can do: { pdf, import } (from /api/rounds) */
  tools: null,
  /** a large round's search answered by the server: kind → { q, units } */
  found: {},
  zoom: null,
  previewHidden: false,
};

// ---------------------------------------------------------------------------------------------
// building the page: elements, requests, messages

/** An element: attributes set with setAttribute (never as HTML), children as text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

const enc = encodeURIComponent;
const roundUrl = (name, rest = '') => `/api/rounds/${enc(name)}${rest}`;

class ApiError extends Error {
  constructor(status, message, data) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

const STATUS_TEXT = {
  400: '请求有误，服务没有执行。',
  403: '服务拒绝了这个请求（页面可能已过期，请刷新页面后再试）。',
  404: '没有找到要找的内容（这一轮的文件夹可能已被移走或改名）。',
  409: '数据文件已在别处被修改，这次修改没有保存。',
  413: '内容太大，服务没有接收。',
  422: '填写的内容不符合数据格式要求，没有保存。',
  500: '服务内部出错，请查看运行 tongbao serve 的命令行窗口。',
};

/** fetch a JSON answer; state-changing requests are POSTed as JSON with the page's token. */
async function api(path, body) {
  const opts = { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    opts.method = 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.headers['X-Tongbao-Token'] = TOKEN;
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, opts);
  } catch {
    throw new ApiError(0, '无法连接到通报助手服务。请确认运行 tongbao serve 的命令行窗口没有关闭，然后刷新页面。');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const msg = data && typeof data.error === 'string' ? data.error : STATUS_TEXT[res.status] ?? `服务返回了错误（${res.status}）。`;
    throw new ApiError(res.status, msg, data);
  }
  return data;
}

let statusTimer = 0;
/** A message in the status line (read out by screen readers); errors stay until closed. */
function flash(message, kind = 'ok') {
  clearTimeout(statusTimer);
  clear(statusBox);
  statusBox.className = `status show ${kind}`;
  append(statusBox, [
    h('span', { text: message }),
    h('button', { type: 'button', class: 'link', 'aria-label': '关闭提示', on: { click: () => (statusBox.className = 'status') } }, '×'),
  ]);
  if (kind !== 'error') statusTimer = setTimeout(() => (statusBox.className = 'status'), kind === 'ok' ? 5000 : 10000);
}

function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function fmtSize(n) {
  if (typeof n !== 'number') return '';
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const where = (d) => `${d.file}:${d.line}:${d.col}`;
const severityName = (d) => (d.severity === 'error' ? '错误' : '提示');

// ---------------------------------------------------------------------------------------------
// routing

let here = location.hash;
function route() {
  const m = /^#\/r\/(.+)$/.exec(location.hash);
  const leaving = state.name && (!m || decodeURIComponent(m[1]) !== state.name);
  if (leaving && state.failed.size && !confirm(`这一轮有 ${state.failed.size} 处修改没有保存，离开后将丢失。确定离开吗？`)) {
    history.replaceState(null, '', here);
    return;
  }
  here = location.hash;
  if (m) openRound(decodeURIComponent(m[1]));
  else showRounds();
}

function crumbs(name) {
  const nav = clear(document.getElementById('crumbs'));
  append(nav, [h('a', { href: '#/' }, '全部轮次')]);
  if (name) append(nav, [h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'), h('span', { 'aria-current': 'page' }, name)]);
}

// ---------------------------------------------------------------------------------------------
// the rounds under DATA_ROOT

const VERIFY = {
  ok: ['已是最新', 'ok'],
  changed: ['数据已改动，待重新生成', 'warn'],
  missing: ['输出文件缺失', 'warn'],
};

async function showRounds() {
  state.name = null;
  state.view = null;
  document.title = '通报助手 · 全部轮次';
  crumbs(null);
  clear(main);
  main.append(h('p', { class: 'loading' }, '正在读取各轮数据……'));
  let data;
  try {
    data = await api('/api/rounds');
  } catch (e) {
    clear(main).append(h('div', { class: 'error-box', role: 'alert' }, e.message));
    return;
  }
  state.root = data.root ?? '';
  document.getElementById('root-path').textContent = state.root ? `数据目录：${state.root}` : '';
  state.rounds = data.rounds ?? [];
  state.tools = data.tools ?? state.tools;
  clear(main);
  const body = h('tbody');
  for (const r of state.rounds) {
    const [vText, vKind] = VERIFY[r.verify] ?? ['尚未生成', 'muted'];
    const open = () => (location.hash = `#/r/${enc(r.name)}`);
    body.append(
      h(
        'tr',
        { class: 'clickable', on: { click: (ev) => ev.target.tagName !== 'A' && open() } },
        h('td', {}, h('a', { href: `#/r/${enc(r.name)}`, class: 'round-link' }, r.name)),
        h('td', {}, r.title || h('span', { class: 'muted' }, '（数据有错误，暂时没有标题）')),
        h('td', { class: 'num' }, r.errors ? h('span', { class: 'badge error' }, `${r.errors} 个错误`) : h('span', { class: 'badge ok' }, '无错误')),
        h('td', { class: 'num' }, r.warnings ? h('span', { class: 'badge warn' }, `${r.warnings} 个提示`) : '—'),
        h('td', {}, r.lastBuild ? fmtTime(r.lastBuild) : h('span', { class: 'muted' }, '尚未生成')),
        h('td', {}, h('span', { class: `badge ${vKind}` }, vText)),
      ),
    );
  }
  main.append(
    h('section', { class: 'card rounds' },
      h('h1', {}, '各轮检查数据'),
      h('p', { class: 'hint' }, '每一行是数据目录下的一个文件夹（一轮检查）。点击轮次打开，查看和修改检查结果、预览通报、生成文件。'),
      state.rounds.length
        ? h('table', { class: 'grid' },
            h('thead', {}, h('tr', {}, ...['轮次', '通报标题', '错误', '提示', '上次生成', '生成状态'].map((t) => h('th', { scope: 'col' }, t)))),
            body)
        : h('p', { class: 'empty' }, '数据目录下还没有任何一轮的数据（每轮一个文件夹，内含 notice.yaml、sites.yaml、accounts.yaml）。'),
    ),
    h('section', { class: 'card rounds help' },
      h('h2', {}, '使用步骤'),
      h('ol', {},
        h('li', {}, '点击上表中的轮次，打开这一轮。'),
        h('li', {}, '在“政务新媒体”“政府网站”表格中核对检查结果：点“合格/不合格”即可切换，名称、网址、主办单位、问题可直接修改，离开输入框即保存（原文件自动留存历史版本）。'),
        h('li', {}, '右侧预览随每次修改更新；表格上方列出数据中的错误和校对提示，点击可跳到对应位置。'),
        h('li', {}, '核对无误后点“生成”，得到通报（Word）和两个附件（Excel）；只改了附件内容时可点“只更新附件”；要报领导签发时点“送签包”。'),
        h('li', {}, '在“输出文件与历史版本”中下载本次和以往生成的文件。在 Excel/WPS 里改过的附件，可用“从 Excel 导入”读回。'),
      ),
      h('p', { class: 'hint' }, '本页面只在本机运行，不需要联网；关闭运行 tongbao serve 的命令行窗口即停止。'),
    ),
  );
  main.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// one round

async function openRound(name) {
  if (state.name !== name) {
    state.name = name;
    state.view = null;
    lastTiles = null;
    state.files = null;
    state.failed.clear();
    state.result = null;
    state.importDraft = null;
    state.limit = PAGE_ROWS;
  }
  crumbs(name);
  document.title = `通报助手 · ${name}`;
  clear(main).append(h('p', { class: 'loading' }, '正在读取这一轮的数据……'));
  try {
    const view = await api(roundUrl(name));
    if (state.name !== name) return;
    state.view = view;
  } catch (e) {
    clear(main).append(h('div', { class: 'error-box', role: 'alert' }, e.message), h('p', {}, h('a', { href: '#/' }, '返回全部轮次')));
    return;
  }
  layoutRound();
  renderAll();
  loadFiles();
  if (!state.tools) loadTools();
  main.focus({ preventScroll: true });
}

/** The round page's fixed frame; each part is redrawn on its own. */
function layoutRound() {
  clear(main);
  const pane = (id, cls = '') => h('div', { id, class: cls });
  main.append(
    h('div', { class: 'round' + (state.previewHidden ? ' no-preview' : '') , id: 'round' },
      h('div', { class: 'data-pane', id: 'data-pane' },
        pane('round-head', 'round-head'),
        pane('result'),
        pane('failures'),
        pane('changes'),
        pane('overview'),
        pane('diagnostics'),
        pane('units'),
      ),
      h('aside', { class: 'preview-pane', id: 'preview-pane', 'aria-label': '通报预览' },
        pane('preview-bar', 'preview-bar'),
        h('div', { id: 'preview', class: 'preview', tabindex: '0', role: 'region', 'aria-label': '通报预览（可用方向键滚动）' }),
      ),
    ),
  );
}

function renderAll() {
  renderHead();
  renderResult();
  renderFailures();
  renderOverview();
  renderChanges();
  renderDiagnostics();
  renderUnits();
  renderPreview();
}

/** A new RoundView from the server: redraw, keeping focus, typing and scroll positions. */
function applyView(view) {
  const keep = captureFocus();
  const pane = document.getElementById('data-pane');
  const top = pane?.scrollTop ?? 0;
  state.view = view;
  state.found = {};
  renderAll();
  if (pane) pane.scrollTop = top;
  restoreFocus(keep);
}

function captureFocus() {
  const el = document.activeElement;
  if (!el || !el.dataset || !el.dataset.key) return null;
  const dirty = 'value' in el && el.dataset.orig !== undefined && el.value !== el.dataset.orig;
  return { key: el.dataset.key, value: dirty ? el.value : null, start: el.selectionStart, end: el.selectionEnd };
}

function restoreFocus(keep) {
  if (!keep) return;
  const el = document.querySelector(`[data-key="${CSS.escape(keep.key)}"]`);
  if (!el) return;
  if (keep.value !== null) el.value = keep.value;
  el.focus({ preventScroll: true });
  try {
    if (keep.start !== null && keep.start !== undefined) el.setSelectionRange(keep.start, keep.end);
  } catch {
    /* not a text field */
  }
}

// --- head: title, counts, actions --------------------------------------------------------------

function renderHead() {
  const v = state.view;
  const box = clear(document.getElementById('round-head'));
  const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = v.diagnostics.length - errors;
  const busy = !!state.busy;
  const canPdf = state.tools?.pdf !== false;
  const canImport = state.tools?.import !== false;
  const pdf = h('input', { type: 'checkbox', id: 'opt-pdf', checked: canPdf && (state.pdf ?? true), disabled: !canPdf });
  pdf.addEventListener('change', () => (state.pdf = pdf.checked));
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', class: 'visually-hidden', tabindex: '-1' });
  fileInput.addEventListener('change', () => fileInput.files[0] && importCheck(fileInput.files[0]));
  append(box, [
    h('div', { class: 'title-line' },
      h('h1', {}, v.overview?.title ?? v.name),
      h('span', { class: 'muted' }, v.overview?.round ? `${v.name} · ${v.overview.round}` : v.name),
      errors ? h('span', { class: 'badge error' }, `${errors} 个错误`) : h('span', { class: 'badge ok' }, '数据无错误'),
      warnings ? h('span', { class: 'badge warn' }, `${warnings} 个提示`) : null,
    ),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': '生成与导入' },
      h('button', { type: 'button', class: 'primary', id: 'btn-build', disabled: busy || !v.ok, title: v.ok ? '生成通报（Word）和附件（Excel）' : '数据有错误，改正后才能生成', on: { click: () => runAction('build', {}, '生成') } }, '生成'),
      h('button', { type: 'button', id: 'btn-annexes', disabled: busy || !v.ok, title: '只重新生成两个附件；若通报正文会变，则不执行并说明原因', on: { click: () => runAction('annexes', {}, '只更新附件') } }, '只更新附件'),
      h('span', { class: 'group' },
        h('button', { type: 'button', id: 'btn-package', disabled: busy || !v.ok, title: '把通报和附件打包，交领导签发', on: { click: () => runAction('package', { pdf: !!document.getElementById('opt-pdf')?.checked }, '送签包') } }, '送签包'),
        h('label', { class: 'check', title: canPdf ? '同时把通报和附件转成 PDF' : '本机没有安装 LibreOffice，不能转 PDF' }, pdf, '附 PDF'),
      ),
      canImport ? h('button', { type: 'button', id: 'btn-import', disabled: busy, title: '从 Excel 表格导入检查结果，先预览变化，确认后才写入', on: { click: () => fileInput.click() } }, '从 Excel 导入…') : null,
      canImport ? fileInput : null,
      h('button', { type: 'button', class: 'ghost', disabled: busy, on: { click: () => reloadView('已重新读取数据文件') } }, '重新读取'),
      busy ? h('span', { class: 'busy', role: 'status' }, state.busy) : null,
    ),
  ]);
}

async function loadTools() {
  try {
    const data = await api('/api/rounds');
    state.tools = data.tools ?? { pdf: true, import: true };
    state.root = data.root ?? state.root;
    document.getElementById('root-path').textContent = state.root ? `数据目录：${state.root}` : '';
    if (state.view) renderHead();
  } catch {
    /* the buttons stay as they are */
  }
}

async function reloadView(message) {
  try {
    const view = await api(roundUrl(state.name));
    applyView(view);
    if (message) flash(message);
  } catch (e) {
    flash(e.message, 'error');
  }
}

// --- actions: build, annexes, package, import ----------------------------------------------------

const ACTION_BUSY = { build: '正在生成，请稍候……', annexes: '正在更新附件……', package: '正在制作送签包……', import: '正在读取 Excel……' };

async function runAction(kind, body, label) {
  if (state.busy) return;
  state.busy = ACTION_BUSY[kind];
  renderHead();
  try {
    // an edit just made (a field left by clicking this button) is saved first
    await queue;
    const res = await api(roundUrl(state.name, `/${kind}`), body);
    state.result = { kind, label, res };
    if (kind === 'import' && !body.apply) state.importDraft = res.ok && changeLines(res.changes).length ? body : null;
    if (kind === 'import' && body.apply) state.importDraft = null;
    flash(res.message || `${label}完成`, res.ok ? 'ok' : 'warn');
  } catch (e) {
    state.result = { kind, label, res: { ok: false, message: e.message, diagnostics: e.data?.diagnostics ?? [], files: [] } };
    flash(e.message, 'error');
  } finally {
    state.busy = '';
  }
  renderHead();
  renderResult();
  await reloadView();
  loadFiles();
  document.getElementById('result')?.scrollIntoView({ block: 'nearest' });
}

function importCheck(file) {
  const reader = new FileReader();
  reader.onerror = () => flash('读取所选文件失败，请重新选择。', 'error');
  reader.onload = () => {
    const url = String(reader.result);
    const base64 = url.slice(url.indexOf(',') + 1);
    runAction('import', { filename: file.name, base64, apply: false }, '导入检查');
  };
  reader.readAsDataURL(file);
  document.getElementById('import-file').value = '';
}

/** Lines of a change list; a long one shows its start until asked for all. */
const LONG_LINES = 50;
function lineList(lines, all = false) {
  if (!lines.length) return null;
  const shown = all ? lines : lines.slice(0, LONG_LINES);
  const ul = h('ul', { class: 'diff' }, shown.map((l) => h('li', {}, l)));
  if (shown.length < lines.length) {
    ul.append(h('li', { class: 'more-lines' }, `……还有 ${lines.length - shown.length} 条 `,
      h('button', { type: 'button', class: 'ghost small', on: { click: () => ul.replaceWith(lineList(lines, true)) } }, '全部显示')));
  }
  return ul;
}

/** Diff lines however the answer carries them. */
function changeLines(c) {
  if (!c) return [];
  if (Array.isArray(c)) return c.map(String);
  if (Array.isArray(c.lines)) return c.lines.map(String);
  return [];
}

function renderResult() {
  const box = clear(document.getElementById('result'));
  const r = state.result;
  if (!r) return;
  const res = r.res;
  const files = (res.files ?? []).map((f) => (typeof f === 'string' ? { path: f } : f));
  // an import writes data files, which are not downloads
  const written = r.kind === 'import';
  const lines = changeLines(res.changes ?? res.lines);
  const draft = r.kind === 'import' && state.importDraft && res.ok;
  box.append(
    h('section', { class: `card result ${res.ok ? 'ok' : 'warn'}`, 'aria-labelledby': 'result-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'result-title' }, r.label + (res.ok ? (draft ? '：请确认' : '：完成') : '：未执行')),
        h('button', { type: 'button', class: 'link', 'aria-label': '关闭', on: { click: () => { state.result = null; renderResult(); } } }, '×'),
      ),
      res.message ? h('p', { class: 'message' }, res.message) : null,
      lineList(lines),
      diagnosticList(res.diagnostics ?? []),
      files.length && written ? h('p', {}, `已写入：${files.map((f) => f.path).join('、')}`) : null,
      files.length && !written
        ? h('ul', { class: 'files' }, files.map((f) => h('li', {}, downloadLink(f.path), f.size ? h('span', { class: 'muted' }, ' ', fmtSize(f.size)) : null)))
        : null,
      draft
        ? h('div', { class: 'toolbar' },
            h('button', { type: 'button', class: 'primary', id: 'btn-import-apply', on: { click: () => runAction('import', { ...state.importDraft, apply: true }, '从 Excel 导入') } }, '确认导入'),
            h('button', { type: 'button', on: { click: () => { state.importDraft = null; state.result = null; renderResult(); } } }, '取消'))
        : null,
    ),
  );
}

function downloadLink(path, label) {
  const name = String(path).split('/').pop();
  return h('a', { href: roundUrl(state.name, `/download?path=${enc(path)}`), download: name, class: 'download', title: `下载 ${path}` }, label ?? name);
}

// --- edits that did not go through ---------------------------------------------------------------

function renderFailures() {
  const box = clear(document.getElementById('failures'));
  if (!state.failed.size) return;
  box.append(
    h('section', { class: 'card warn', role: 'alert' },
      h('h2', {}, `有 ${state.failed.size} 处修改没有保存`),
      h('p', {}, '您填写的内容仍保留在表格中（标为“未保存”）。数据文件若已在别处被修改，请点“重新读取后再保存”；若内容不合要求，请改正后再保存。'),
      h('ul', {}, [...state.failed.entries()].map(([key, f]) =>
        h('li', {},
          h('span', {}, `${f.label}：${f.message}`), ' ',
          f.stale ? h('button', { type: 'button', on: { click: () => retryStale(key) } }, '重新读取后再保存') : null, ' ',
          h('button', { type: 'button', class: 'ghost', on: { click: () => discard(key) } }, '放弃这处修改')))),
    ),
  );
}

function discard(key) {
  state.failed.delete(key);
  renderFailures();
  renderUnits();
}

async function retryStale(key) {
  const f = state.failed.get(key);
  if (!f) return;
  let view;
  try {
    view = await api(roundUrl(state.name));
  } catch (e) {
    flash(e.message, 'error');
    return;
  }
  state.view = view;
  // edits name a unit by its place in the file: if the file now has another unit there, the
  // edit is not sent again (it would change the wrong one)
  if (f.unit) {
    const now = findUnit(f.unit.id);
    if (!now || now.name !== f.unit.name) {
      state.failed.delete(key);
      applyView(view);
      flash(`没有重试“${f.label}”：文件中这个位置现在是另一个单位（或已删除）。请在表格中找到该单位重新修改。`, 'error');
      return;
    }
  }
  submitEdit(key, f.rebuild ? f.rebuild() : f.edits, f.label, f.value, f.unit);
}

// --- saving an edit ------------------------------------------------------------------------------

let queue = Promise.resolve();
/** edits sent and not yet answered */
let pending = 0;

/** POST one edit with the file hashes as this page saw them; edits go one at a time, in order. */
function submitEdit(key, edits, label, value, unit = null) {
  if (!edits) return queue;
  pending++;
  queue = queue.then(async () => {
    if (!state.view) return;
    const name = state.name;
    try {
      const view = await api(roundUrl(name, '/edit'), { hashes: state.view.hashes, edits });
      if (state.name !== name) return;
      state.failed.delete(key);
      applyView(view);
      flash(`已保存：${label}`);
    } catch (e) {
      if (state.name !== name) return;
      let message = e.message;
      if (e.status === 422 && Array.isArray(e.data?.diagnostics)) {
        const more = e.data.diagnostics.map((d) => d.message).filter((m) => m && !message.includes(m));
        if (more.length) message += '：' + more.join('；');
      }
      state.failed.set(key, { edits, label, value, message, stale: e.status === 409, unit });
      const keep = captureFocus();
      renderFailures();
      renderUnits();
      restoreFocus(keep);
      flash(`没有保存：${label}。${message}`, 'error');
    } finally {
      pending--;
    }
  });
  return queue;
}

// --- overview: totals and failing lists as the notice states them -----------------------------

function renderOverview() {
  const box = clear(document.getElementById('overview'));
  const o = state.view.overview;
  if (!o) {
    box.append(h('section', { class: 'card muted-card' }, h('h2', {}, '通报概况'), h('p', {}, '数据有错误，暂时算不出通报的数字。请先改正下面列出的错误。')));
    return;
  }
  const t = o.totals ?? {};
  // a figure that an edit just changed flashes once
  const was = lastTiles;
  lastTiles = {};
  const tile = (label, value, sub, kind = '') => {
    lastTiles[label] = value;
    const changed = was && label in was && was[label] !== value;
    return h('div', { class: `tile ${kind}${changed ? ' changed' : ''}` }, h('div', { class: 'tile-value' }, String(value ?? '—')), h('div', { class: 'tile-label' }, label), sub ? h('div', { class: 'tile-sub' }, sub) : null);
  };
  const levelNames = groupNames();
  const sub = (x) => (x && x.department !== undefined ? `${levelNames.department ?? '部门'} ${x.department} · ${levelNames.county ?? '县级'} ${x.county}` : '');
  // each name as the notice prints it, with the row it stands for (to jump to)
  const siteRows = new Map((state.view.sites ?? []).map((u) => [u.name, u.id]));
  const accRows = new Map((state.view.accounts ?? []).map((u) => [`${u.name}（${u.platformName}）`, u.id]));
  const siteNames = (o.failingSites ?? []).map((s) => {
    const label = typeof s === 'string' ? s : s.name;
    return { label, unitId: siteRows.get(label) ?? null };
  });
  const accNames = (o.failingAccounts ?? []).map((a) => {
    const label = typeof a === 'string' ? a : `${a.name}（${a.platformLabel ?? a.platformName ?? ''}）`;
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
        h('h3', {}, `不合格网站（${siteNames.length}）`),
        nameList('failing-sites', siteNames),
        h('h3', {}, `不合格政务新媒体（${accNames.length}）`),
        nameList('failing-accounts', accNames),
      ),
      (o.sentences ?? []).length
        ? h('details', { class: 'sentences' }, h('summary', {}, '通报“总体情况”原文'), ...(o.sentences ?? []).map((s) => h('p', {}, s)))
        : null,
    ),
  );
}

/** the overview's figures as last drawn, by label */
let lastTiles = null;

/** Names joined with 、 as the notice lists them; a long list shows its start until asked for all. */
const LONG_LIST = 60;
const expanded = new Set();
function nameList(id, names) {
  if (!names.length) return h('p', { class: 'muted', id }, '无');
  const all = names.length <= LONG_LIST || expanded.has(id);
  const shown = all ? names : names.slice(0, LONG_LIST);
  const items = shown.flatMap((n, i) => [
    i ? '、' : null,
    n.unitId
      ? h('button', { type: 'button', class: 'name-link', title: '在表格中找到它', on: { click: () => jumpTo({ unitId: n.unitId, field: null }) } }, n.label)
      : n.label,
  ]);
  if (all) return h('p', { class: 'names', id }, items);
  const p = h('p', { class: 'names', id }, items, `……等 ${names.length} 个 `);
  p.append(h('button', { type: 'button', class: 'ghost small', on: { click: () => { expanded.add(id); p.replaceWith(nameList(id, names)); } } }, '全部显示'));
  return p;
}

/** 州直部门 / 县(市) as the data names its groups. */
function groupNames() {
  const out = {};
  for (const u of [...(state.view.sites ?? []), ...(state.view.accounts ?? [])]) out[u.group] ??= u.groupName;
  return out;
}

// --- changes since the last build ----------------------------------------------------------------

function renderChanges() {
  const box = clear(document.getElementById('changes'));
  const c = state.view.changes;
  let body;
  if (!c) body = [h('p', { class: 'muted' }, '还没有生成过这一轮的通报，生成后这里会列出之后的改动。')];
  else if (!c.sinceBuild) body = [h('p', { class: 'good-text' }, '数据与上次生成时相同，无需重新生成。')];
  else
    body = [
      c.noticeChanges
        ? h('p', { class: 'badge-line bad' }, '通报正文会改变：需要重新“生成”（并重新送签）。')
        : h('p', { class: 'badge-line ok' }, '通报正文不变，只有附件会变：可以用“只更新附件”。'),
      lineList(changeLines(c)),
    ];
  box.append(h('section', { class: 'card changes', 'aria-labelledby': 'ch-title' }, h('h2', { id: 'ch-title' }, '自上次生成以来的改动'), ...body));
}

// --- every validation error and lint finding ---------------------------------------------------

function renderDiagnostics() {
  const box = clear(document.getElementById('diagnostics'));
  const ds = state.view.diagnostics ?? [];
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

function diagnosticList(ds, jump = false) {
  if (!ds.length) return null;
  const more = ds.length - MAX_LISTED;
  if (more > 0) {
    const list = diagnosticList(ds.slice(0, MAX_LISTED), jump);
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

function findUnit(id) {
  const v = state.view;
  return (v.sites ?? []).find((u) => u.id === id) ?? (v.accounts ?? []).find((u) => u.id === id) ?? null;
}

function jumpTo(d) {
  const isSite = (state.view.sites ?? []).some((u) => u.id === d.unitId);
  state.tab = isSite ? 'sites' : 'accounts';
  state.filters = { q: '', level: '', platform: '', failing: false, flagged: false };
  const list = isSite ? state.view.sites : state.view.accounts;
  const at = list.findIndex((u) => u.id === d.unitId);
  state.limit = Math.max(PAGE_ROWS, Math.ceil((at + 1) / PAGE_ROWS) * PAGE_ROWS);
  renderUnits();
  const row = document.querySelector(`tr[data-unit="${CSS.escape(d.unitId)}"]`);
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  const field = fieldKey(d);
  const target = (field && row.querySelector(`[data-field="${CSS.escape(field)}"]`)) || row.querySelector('input, button, textarea');
  target?.focus();
  row.classList.add('flash');
  setTimeout(() => row.classList.remove('flash'), 1500);
}

/** The control a diagnostic is about: the field, and the month for results. */
function fieldKey(d) {
  if (!d.field) return null;
  const item = d.month ?? d.item;
  if (d.field === 'results' && Number.isInteger(item)) return `results:${item}`;
  return d.field;
}

/** The fields a row has a control for; a diagnostic about any other field shows under the name. */
const ROW_FIELDS = {
  sites: new Set(['name', 'url', 'result', 'problems']),
  accounts: new Set(['name', 'owner', 'problems']),
};
function shownAt(d, kind, monthCount) {
  const f = fieldKey(d);
  if (kind === 'accounts' && /^results:\d+$/.test(f ?? '') && Number(f.slice(8)) < monthCount) return f;
  return f && ROW_FIELDS[kind].has(f) ? f : 'name';
}

// --- sites and accounts tables -----------------------------------------------------------------

const FIELD_NAMES = { name: '名称', url: '网址', owner: '主办单位', result: '结果', results: '月度结果', problems: '问题', service: '服务号', updates: '更新日期' };

function renderUnits() {
  const box = clear(document.getElementById('units'));
  const v = state.view;
  const sites = v.sites ?? [];
  const accounts = v.accounts ?? [];
  const omitted = v.omitted ?? { sites: 0, accounts: 0 };
  const tabs = [
    ['accounts', `政务新媒体（${accounts.length + (omitted.accounts ?? 0)}）`],
    ['sites', `政府网站（${sites.length + (omitted.sites ?? 0)}）`],
    ['files', '输出文件与历史版本'],
  ];
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': '数据表' });
  for (const [id, label] of tabs) {
    tablist.append(
      h('button', {
        type: 'button', role: 'tab', id: `tab-${id}`, 'aria-selected': String(state.tab === id), 'aria-controls': 'tab-panel',
        tabindex: state.tab === id ? '0' : '-1',
        on: {
          click: () => { state.tab = id; state.limit = PAGE_ROWS; renderUnits(); document.getElementById(`tab-${id}`)?.focus(); },
          keydown: (ev) => {
            const i = tabs.findIndex(([t]) => t === id);
            const to = ev.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : ev.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
            if (to) { state.tab = to[0]; renderUnits(); document.getElementById(`tab-${to[0]}`)?.focus(); }
          },
        },
      }, label),
    );
  }
  const panel = h('div', { id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': `tab-${state.tab}` });
  box.append(h('section', { class: 'card units' }, tablist, panel));
  if (state.tab === 'files') renderFiles(panel);
  else renderTable(panel, state.tab);
}

function diagnosticsByUnit() {
  const map = new Map();
  for (const d of state.view.diagnostics ?? []) {
    if (!d.unitId) continue;
    if (!map.has(d.unitId)) map.set(d.unitId, []);
    map.get(d.unitId).push(d);
  }
  return map;
}

function isFailing(u) {
  if (u.result !== undefined) return u.result === '不合格';
  const rs = u.judged ?? u.results ?? [];
  return rs.includes('不合格');
}

function renderTable(panel, kind) {
  const v = state.view;
  const units = kind === 'sites' ? v.sites ?? [] : v.accounts ?? [];
  const diags = diagnosticsByUnit();
  const f = state.filters;
  const groups = [...new Map(units.map((u) => [u.group, u.groupName])).entries()];
  const platforms = [...new Map((v.accounts ?? []).map((u) => [u.platform, u.platformName])).entries()];

  const search = h('input', { type: 'search', id: 'filter-q', placeholder: kind === 'sites' ? '搜索名称、网址、问题' : '搜索名称、主办单位、问题', value: f.q, 'aria-label': '搜索' });
  search.addEventListener('input', () => { f.q = search.value; state.limit = PAGE_ROWS; redrawRows(); });
  const level = h('select', { id: 'filter-level', 'aria-label': '级别' }, h('option', { value: '' }, '全部级别'), groups.map(([g, n]) => h('option', { value: g }, n)));
  level.value = f.level;
  level.addEventListener('change', () => { f.level = level.value; state.limit = PAGE_ROWS; redrawRows(); });
  const platform = h('select', { id: 'filter-platform', 'aria-label': '平台' }, h('option', { value: '' }, '全部平台'), platforms.map(([p, n]) => h('option', { value: p }, n)));
  platform.value = f.platform;
  platform.addEventListener('change', () => { f.platform = platform.value; state.limit = PAGE_ROWS; redrawRows(); });
  const failing = h('input', { type: 'checkbox', id: 'filter-failing', checked: f.failing });
  failing.addEventListener('change', () => { f.failing = failing.checked; state.limit = PAGE_ROWS; redrawRows(); });
  const flagged = h('input', { type: 'checkbox', id: 'filter-flagged', checked: f.flagged });
  flagged.addEventListener('change', () => { f.flagged = flagged.checked; state.limit = PAGE_ROWS; redrawRows(); });

  const count = h('span', { class: 'muted count', 'aria-live': 'polite' });
  panel.append(
    h('div', { class: 'filters' },
      search, level, kind === 'accounts' ? platform : null,
      h('label', { class: 'check' }, failing, '只看不合格'),
      h('label', { class: 'check' }, flagged, '只看有错误或提示的'),
      count,
    ),
  );
  const months = v.months ?? [];
  const head = kind === 'sites'
    ? ['序号', '级别', '网站名称', '网址', '结果', '问题曝光情况', '']
    : ['序号', '类别', '账号名称', '主办单位', ...months.map((m) => m.label), '问题曝光情况', ''];
  const tbody = h('tbody');
  const more = h('div', { class: 'more' });
  panel.append(
    h('div', { class: 'table-wrap' },
      h('table', { class: `grid units-table ${kind}` },
        h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t || h('span', { class: 'visually-hidden' }, '操作'))))),
        tbody)),
    more,
    addForm(kind),
  );

  const omitted = v.omitted?.[kind] ?? 0;
  let searchTimer = 0;
  function redrawRows() {
    const q = f.q.trim().toLowerCase();
    // a large round lists only some units; a search then asks the server for every match
    if (omitted && q && state.found[kind]?.q !== q) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(async () => {
        try {
          const res = await api(roundUrl(state.name, `/units?q=${enc(f.q.trim())}`));
          state.found[kind] = { q, units: res[kind] ?? [] };
          if (f.q.trim().toLowerCase() === q) redrawRows();
        } catch (e) {
          flash(e.message, 'error');
        }
      }, 300);
    }
    const pool = omitted && q && state.found[kind]?.q === q ? mergeUnits(units, state.found[kind].units) : units;
    const shown = pool.filter((u) => {
      if (f.level && u.group !== f.level) return false;
      if (kind === 'accounts' && f.platform && u.platform !== f.platform) return false;
      if (f.failing && !isFailing(u)) return false;
      if (f.flagged && !diags.has(u.id) && !failedFor(u.id)) return false;
      if (q) {
        const hay = [u.name, u.url, u.owner, ...(u.problems ?? [])].filter(Boolean).join('\n').toLowerCase();
        if (!hay.includes(q)) return false;
      }
      return true;
    });
    clear(tbody);
    const page = shown.slice(0, state.limit);
    for (const u of page) tbody.append(kind === 'sites' ? siteRow(u, diags.get(u.id) ?? []) : accountRow(u, diags.get(u.id) ?? [], months));
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
function mergeUnits(listed, found) {
  const ids = new Set(listed.map((u) => u.id));
  return [...listed, ...found.filter((u) => !ids.has(u.id))];
}

const failedFor = (id) => [...state.failed.keys()].some((k) => k.startsWith(id + '|'));

/** The messages for one field of a unit, shown under its control. */
function fieldNotes(ds, field, key) {
  const kind = String(key).startsWith('accounts') ? 'accounts' : 'sites';
  const months = (state.view.months ?? []).length;
  const mine = ds.filter((d) => shownAt(d, kind, months) === field);
  const failed = state.failed.get(key);
  if (!mine.length && !failed) return null;
  return h('div', { class: 'notes' },
    mine.map((d) => h('div', { class: `note ${d.severity}` }, h('code', {}, where(d)), ' ', `${severityName(d)}：${d.message}`)),
    failed ? h('div', { class: 'note not-saved', role: 'alert' }, failed.stale ? '未保存：文件已在别处被修改，见上方提示' : `未保存：${failed.message}`) : null,
  );
}

function severityClass(ds, field) {
  const mine = ds.filter((d) => fieldKey(d) === field);
  if (mine.some((d) => d.severity === 'error')) return 'field-error';
  if (mine.length) return 'field-warn';
  return '';
}

/** A text field saved when it changes (Enter or leaving the field); Escape puts the saved value back. */
function textField(u, field, label, ds, opts = {}) {
  const key = `${u.id}|${field}`;
  const failed = state.failed.get(key);
  const saved = field === 'problems' ? (u.problems ?? []).join('\n') : u[field] ?? '';
  const tag = opts.multiline ? 'textarea' : 'input';
  const el = h(tag, {
    class: `${severityClass(ds, field)} ${failed ? 'unsaved' : ''}`.trim(),
    'aria-label': `${u.name || '新单位'} 的${label}`,
    dataset: { key, field, orig: saved },
    rows: opts.multiline ? String(Math.max(1, saved.split('\n').length)) : undefined,
    placeholder: opts.placeholder,
    // a long name is cut off in its column: the whole of it on hover
    title: !opts.multiline && saved ? saved : undefined,
    type: opts.multiline ? undefined : 'text',
    spellcheck: 'false',
  });
  el.value = failed ? failed.value : saved;
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') { el.value = saved; state.failed.delete(key); el.classList.remove('unsaved'); }
    if (ev.key === 'Enter' && !opts.multiline) el.blur();
  });
  if (opts.multiline) el.addEventListener('input', () => (el.rows = Math.max(1, el.value.split('\n').length)));
  el.addEventListener('change', () => {
    const value = el.value;
    if (value === saved && !failed) return;
    const label2 = `${u.name || '新单位'} 的${label}`;
    const build = () => fieldEdit(findUnit(u.id) ?? u, field, value);
    const edits = build();
    if (!edits) return;
    submitEdit(key, edits, label2, value, { id: u.id, name: u.name }).then(() => {
      const f = state.failed.get(key);
      if (f) f.rebuild = build;
    });
  });
  return h('div', { class: 'cell-field' }, el, fieldNotes(ds, field, key));
}

/** The edits that set one text field of a unit to what the clerk typed. */
function fieldEdit(u, field, value) {
  const path = u.paths?.[field];
  if (field === 'problems') {
    const list = value.split('\n').map((s) => s.trim()).filter(Boolean);
    if (!list.length) return (u.problems ?? []).length && path ? [{ op: 'delete', file: u.file, path }] : null;
    return [{ op: 'set', file: u.file, path: path ?? [...unitPath(u), 'problems'], value: list }];
  }
  return [{ op: 'set', file: u.file, path: path ?? [...unitPath(u), field], value: value.trim() }];
}

/** The YAML path of the unit itself (its name's path without the last key). */
function unitPath(u) {
  if (u.paths?.name) return u.paths.name.slice(0, -1);
  const parts = String(u.id).split(':').slice(1);
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function resultToggle(u, value, path, label, key, field, ds) {
  const failed = state.failed.get(key);
  const shown = failed ? failed.value : value;
  const next = shown === '合格' ? '不合格' : '合格';
  const btn = h('button', {
    type: 'button',
    class: `toggle ${shown === '合格' ? 'pass' : 'fail'} ${severityClass(ds, field)} ${failed ? 'unsaved' : ''}`.trim(),
    'aria-label': `${u.name} ${label}：${shown}，按下改为${next}`,
    title: `按下改为${next}`,
    dataset: { key, field },
    disabled: !path,
  }, shown);
  btn.addEventListener('click', () => {
    if (!path) return;
    // shown at once; the server's answer redraws the row
    btn.textContent = next;
    btn.className = `toggle ${next === '合格' ? 'pass' : 'fail'} pending`;
    submitEdit(key, [{ op: 'set', file: u.file, path, value: next }], `${u.name} ${label}改为${next}`, next, { id: u.id, name: u.name });
  });
  return btn;
}

function deleteButton(u, what) {
  return h('button', {
    type: 'button', class: 'ghost danger small', 'aria-label': `删除${what}：${u.name}`, title: `删除此${what}`,
    on: {
      click: () => {
        if (!confirm(`确定要删除${what}“${u.name}”吗？\n删除前的文件会保存在历史版本中。`)) return;
        submitEdit(`${u.id}|delete`, [{ op: 'delete', file: u.file, path: unitPath(u) }], `删除${what}“${u.name}”`, null, { id: u.id, name: u.name });
      },
    },
  }, '删除');
}

function rowClass(u, ds) {
  return [ds.some((d) => d.severity === 'error') ? 'row-error' : ds.length ? 'row-warn' : '', isFailing(u) ? 'row-fail' : ''].join(' ').trim();
}

function siteRow(u, ds) {
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

function accountRow(u, ds, months) {
  const declared = Array.isArray(u.results);
  const values = declared ? u.results : u.judged ?? [];
  const monthCells = months.map((m, i) => {
    const key = `${u.id}|results:${i}`;
    const path = declared ? u.paths?.results?.[i] : null;
    const cell = declared
      ? resultToggle(u, values[i], path, m.label, key, `results:${i}`, ds)
      : h('span', {
          class: `judged ${values[i] === '合格' ? 'pass' : 'fail'}`,
          title: '按更新日期判定：要改结果，请改 accounts.yaml 中这个账号的更新日期（updates）',
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
function addForm(kind) {
  const v = state.view;
  const units = kind === 'sites' ? v.sites ?? [] : v.accounts ?? [];
  const groups = [...new Map(units.map((u) => [u.group, u.groupName])).entries()];
  if (!groups.length) groups.push(['department', '部门'], ['county', '县级']);
  const platforms = [...new Map((v.accounts ?? []).map((u) => [u.platform, u.platformName])).entries()];
  if (!platforms.length) platforms.push(['weibo', '政务微博'], ['wechat', '政务微信']);
  const field = (id, label, el) => h('label', { for: id }, h('span', {}, label), el);
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
    const months = v.months ?? [];
    const edit = kind === 'sites'
      ? { op: 'insert', file: 'sites.yaml', path: [group.value], value: { name: n, url: s, result: '合格' } }
      : { op: 'insert', file: 'accounts.yaml', path: [platform.value, group.value], value: { name: n, owner: s, results: months.map(() => '合格') } };
    submitEdit(`add:${kind}`, [edit], `添加“${n}”`, null).then(() => {
      if (!state.failed.has(`add:${kind}`)) { name.value = ''; second.value = ''; }
    });
  });
  return h('details', { class: 'add' }, h('summary', {}, kind === 'sites' ? '添加一个网站' : '添加一个账号'), form,
    h('p', { class: 'hint' }, kind === 'sites' ? '新网站的结果默认为“合格”，添加后可在表格中修改。' : '新账号各月结果默认为“合格”，添加后可在表格中修改。'));
}

// --- output files and history versions ---------------------------------------------------------

async function loadFiles() {
  const name = state.name;
  try {
    const files = await api(roundUrl(name, '/files'));
    if (state.name !== name) return;
    state.files = files;
  } catch (e) {
    state.files = { error: e.message };
  }
  if (state.tab === 'files' && document.getElementById('tab-panel')) renderUnits();
}

function renderFiles(panel) {
  const f = state.files;
  if (!f) { panel.append(h('p', { class: 'loading' }, '正在读取文件列表……')); return; }
  if (f.error) { panel.append(h('p', { class: 'error-box' }, f.error)); return; }
  const ROLE = { notice: '通报', annex1: '附件1', annex2: '附件2', manifest: '清单', bundle: '送签包' };
  const fileItem = (x) => {
    const p = typeof x === 'string' ? x : x.path;
    const role = ROLE[x.role];
    return h('li', {}, downloadLink(p, x.name), h('span', { class: 'muted' }, role ? `（${role}）` : '', x.size ? ` ${fmtSize(x.size)}` : ''));
  };
  append(panel, [
    f.outDir ? h('p', { class: 'hint' }, `输出文件夹：${f.outDir}`) : null,
    h('h3', {}, '当前输出'),
    (f.outputs ?? []).length ? h('ul', { class: 'files', id: 'outputs' }, f.outputs.map(fileItem)) : h('p', { class: 'muted' }, '还没有生成过。点“生成”后，通报和附件会出现在这里。'),
    (f.bundles ?? []).length ? [h('h3', {}, '送签包'), h('ul', { class: 'files' }, f.bundles.map(fileItem))] : null,
    h('h3', {}, '历史版本'),
    (f.history ?? []).length
      ? h('ul', { class: 'history' }, f.history.map((hv) => h('li', {}, h('strong', {}, `第 ${hv.n} 版`), h('ul', { class: 'files' }, (hv.files ?? []).map(fileItem)))))
      : h('p', { class: 'muted' }, '暂无历史版本（每次重新生成时，上一版会保存在这里）。'),
  ]);
}

// --- the notice preview ----------------------------------------------------------------------

const SHEET_PX = 794; // 210 mm at 96 px per inch
/** the preview HTML now on screen (not re-inserted when an edit leaves the notice as it was) */
let shownPreview = null;

function renderPreview() {
  const bar = clear(document.getElementById('preview-bar'));
  const box = document.getElementById('preview');
  const roundEl = document.getElementById('round');
  roundEl?.classList.toggle('no-preview', state.previewHidden);
  const zoomBy = (k) => { state.zoom = Math.min(1.5, Math.max(0.3, (state.zoom ?? fitZoom()) * k)); applyZoom(); };
  append(bar, [
    h('h2', {}, '通报预览'),
    h('span', { class: 'muted small' }, '与生成的 Word 文件文字相同；分页为估算'),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', class: 'ghost small', 'aria-label': '缩小预览', on: { click: () => zoomBy(1 / 1.15) } }, '－'),
    h('button', { type: 'button', class: 'ghost small', 'aria-label': '放大预览', on: { click: () => zoomBy(1.15) } }, '＋'),
    h('button', { type: 'button', class: 'ghost small', on: { click: () => { state.zoom = null; applyZoom(); } } }, '适合宽度'),
    h('button', { type: 'button', class: 'ghost small', 'aria-pressed': String(state.previewHidden), on: { click: () => { state.previewHidden = !state.previewHidden; renderPreview(); } } }, state.previewHidden ? '显示预览' : '隐藏预览'),
  ]);
  if (state.previewHidden) { clear(box); return; }
  const html = state.view.previewHtml;
  const top = box.scrollTop;
  if (!html) {
    clear(box).append(h('p', { class: 'preview-empty' }, '数据有错误，改正后这里会显示通报。'));
    return;
  }
  if (box.firstElementChild?.classList.contains('tb-notice') !== true || shownPreview !== html) {
    // escaped by the server's renderer (src/render/html): the only HTML the page inserts
    box.innerHTML = html;
    shownPreview = html;
    box.scrollTop = top;
  }
  applyZoom();
}

function fitZoom() {
  const box = document.getElementById('preview');
  const w = box?.clientWidth ?? SHEET_PX;
  return Math.min(1, Math.max(0.3, (w - 24) / SHEET_PX));
}

function applyZoom() {
  const notice = document.querySelector('#preview .tb-notice');
  if (notice) notice.style.zoom = String(state.zoom ?? fitZoom());
}

// leaving with edits that were not saved: the browser asks first
window.addEventListener('beforeunload', (ev) => {
  if (state.failed.size || pending > 0) ev.preventDefault();
});
window.addEventListener('resize', () => state.zoom === null && applyZoom());
window.addEventListener('hashchange', route);
route();
