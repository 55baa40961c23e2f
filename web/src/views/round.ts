// One round (route #/r/NAME): the frame, the head with the action buttons, an action's answer,
// and the edits that did not go through. The parts of the frame are drawn by their own views.
import type { ActionAnswer, ImportRequest } from '../api-types.js';
import { API, ApiError } from '../client.js';
import { append, byId, clear, flash, h } from '../dom.js';
import type { Child } from '../dom.js';
import { applyView, findUnit, queue, submitEdit } from '../edit.js';
import { PAGE_ROWS, noFilters, state, view } from '../state.js';
import { renderChanges } from './changes.js';
import { diagnosticList, renderDiagnostics } from './diagnostics.js';
import { loadFiles } from './files.js';
import { renderOverview, resetOverview } from './overview.js';
import { renderPreview } from './preview.js';
import { renderProgress } from './progress.js';
import { undoLast } from './history.js';
import { renderUnits } from './units.js';

export function crumbs(name: string | null): void {
  const nav = clear(byId('crumbs'));
  append(nav, [h('a', { href: '#/' }, '全部轮次')]);
  if (name) append(nav, [h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'), h('span', { 'aria-current': 'page' }, name)]);
}

export async function openRound(name: string): Promise<void> {
  const main = byId('main');
  if (state.name !== name) {
    state.name = name;
    state.view = null;
    resetOverview();
    state.files = null;
    state.failed.clear();
    state.result = null;
    state.importDraft = null;
    state.limit = PAGE_ROWS;
    state.filters = noFilters();
  }
  crumbs(name);
  document.title = `通报助手 · ${name}`;
  clear(main).append(h('p', { class: 'loading' }, '正在读取这一轮的数据……'));
  try {
    const v = await API.round(name);
    if (state.name !== name) return;
    state.view = v;
  } catch (e) {
    clear(main).append(h('div', { class: 'error-box', role: 'alert' }, (e as Error).message), h('p', {}, h('a', { href: '#/' }, '返回全部轮次')));
    return;
  }
  layoutRound();
  redraw();
  void loadFiles();
  if (!state.tools) void loadTools();
  main.focus({ preventScroll: true });
}

async function loadTools(): Promise<void> {
  try {
    const data = await API.rounds();
    state.tools = data.tools ?? { pdf: true, import: true };
    state.root = data.root ?? state.root;
    byId('root-path').textContent = state.root ? `数据目录：${state.root}` : '';
    if (state.view) renderHead();
  } catch {
    /* the buttons stay as they are */
  }
}

/** The round page's fixed frame; each part is redrawn on its own. */
function layoutRound(): void {
  const main = clear(byId('main'));
  const pane = (id: string, cls = '') => h('div', { id, class: cls });
  main.append(
    h('div', { class: 'round' + (state.previewHidden ? ' no-preview' : ''), id: 'round' },
      h('div', { class: 'data-pane', id: 'data-pane' },
        pane('round-head', 'round-head'),
        pane('result'),
        pane('failures'),
        pane('progress'),
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

/** Every part of the round page, from state.view. */
export function redraw(): void {
  renderHead();
  renderResult();
  renderFailures();
  renderProgress();
  renderOverview();
  renderChanges();
  renderDiagnostics();
  renderUnits();
  renderPreview();
}

/** After an edit was refused: the failures box and the tables (which mark the field). */
export function redrawAfterFailure(): void {
  renderFailures();
  renderUnits();
}

// --- head: title, counts, actions --------------------------------------------------------------

export function renderHead(): void {
  const v = view();
  const box = clear(byId('round-head'));
  const errors = v.errors;
  const warnings = v.warnings;
  const toFill = v.progress.toFill;
  const busy = !!state.busy;
  const canPdf = state.tools?.pdf !== false;
  const canImport = state.tools?.import !== false;
  const pdf = h('input', { type: 'checkbox', id: 'opt-pdf', checked: canPdf && (state.pdf ?? true), disabled: !canPdf });
  pdf.addEventListener('change', () => (state.pdf = pdf.checked));
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', class: 'visually-hidden', tabindex: '-1', 'aria-label': '选择要导入的 Excel 工作簿' });
  fileInput.addEventListener('change', () => fileInput.files?.[0] && importCheck(fileInput.files[0]));
  append(box, [
    h('div', { class: 'title-line' },
      h('h1', {}, v.heading.title),
      // the folder's name only when it says something the quarter does not
      h('span', { class: 'muted' }, [v.heading.round, v.name.toLowerCase() === v.heading.round.toLowerCase() ? null : `文件夹 ${v.name}`].filter(Boolean).join(' · ')),
      errors ? h('span', { class: 'badge error' }, `${errors} 个错误`) : toFill ? null : h('span', { class: 'badge ok' }, '数据无错误'),
      toFill ? h('span', { class: 'badge todo' }, `还需填写 ${toFill} 项`) : null,
      toFill ? h('span', { class: 'badge muted' }, `结果已填 ${v.progress.results.filled}/${v.progress.results.total}`) : null,
      warnings ? h('span', { class: 'badge warn' }, `${warnings} 个提示`) : null,
    ),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': '生成与导入' },
      h('button', { type: 'button', class: 'primary', id: 'btn-build', disabled: busy || !v.ok, title: v.ok ? '生成通报（Word）和附件（Excel）' : toFill ? '还有待填写的内容，填完才能生成' : '数据有错误，改正后才能生成', on: { click: () => runAction('build', {}, '生成') } }, '生成'),
      h('button', { type: 'button', id: 'btn-annexes', disabled: busy || !v.ok, title: '只重新生成两个附件；若通报正文会变，则不执行并说明原因', on: { click: () => runAction('annexes', {}, '只更新附件') } }, '只更新附件'),
      h('span', { class: 'group' },
        h('button', { type: 'button', id: 'btn-package', disabled: busy || !v.ok, title: '把通报和附件打包，交领导签发', on: { click: () => runAction('package', { pdf: !!(document.getElementById('opt-pdf') as HTMLInputElement | null)?.checked }, '送签包') } }, '送签包'),
        h('label', { class: 'check', title: canPdf ? '同时把通报和附件转成 PDF' : '本机没有安装 LibreOffice，不能转 PDF' }, pdf, '附 PDF'),
      ),
      canImport ? h('button', { type: 'button', id: 'btn-import', disabled: busy, title: '从 Excel 表格导入检查结果，先预览变化，确认后才写入', on: { click: () => fileInput.click() } }, '从 Excel 导入…') : null,
      canImport ? fileInput : null,
      h('button', { type: 'button', id: 'btn-undo', disabled: busy, title: '把数据恢复到上一次修改之前（撤销本身也可以在“修改历史”中再恢复）', on: { click: () => undoLast() } }, '撤销上一次修改'),
      h('button', { type: 'button', class: 'ghost', disabled: busy, on: { click: () => reloadView('已重新读取数据文件') } }, '重新读取'),
      busy ? h('span', { class: 'busy', role: 'status' }, state.busy) : null,
    ),
  ]);
}

// --- actions: build, annexes, package, import ----------------------------------------------------

type ActionKind = 'build' | 'annexes' | 'package' | 'import';
const ACTION_BUSY: Record<ActionKind, string> = { build: '正在生成，请稍候……', annexes: '正在更新附件……', package: '正在制作送签包……', import: '正在读取 Excel……' };

async function runAction(kind: ActionKind, body: Partial<ImportRequest> & { pdf?: boolean }, label: string): Promise<void> {
  if (state.busy || !state.name) return;
  const name = state.name;
  state.busy = ACTION_BUSY[kind];
  renderHead();
  try {
    // an edit just made (a field left by clicking this button) is saved first
    await queue;
    const res =
      kind === 'build' ? await API.build(name)
      : kind === 'annexes' ? await API.annexes(name)
      : kind === 'package' ? await API.package(name, { pdf: body.pdf })
      : await API.import(name, body as ImportRequest);
    state.result = { kind, label, res };
    if (kind === 'import' && !body.apply) state.importDraft = res.ok && (changeLines(res.changes).length || res.renames?.length) ? (body as ImportRequest) : null;
    if (kind === 'import' && body.apply) state.importDraft = null;
    flash(res.message || `${label}完成`, res.ok ? 'ok' : 'warn');
  } catch (e) {
    const err = e as ApiError;
    state.result = { kind, label, res: { ok: false, message: err.message, diagnostics: err.data?.diagnostics ?? [], files: [] } };
    flash(err.message, 'error');
  } finally {
    state.busy = '';
  }
  renderHead();
  renderResult();
  await reloadView();
  void loadFiles();
  document.getElementById('result')?.scrollIntoView({ block: 'nearest' });
}

/** The round read again (after an action, which may have changed data or outputs). */
export async function reloadView(message?: string): Promise<void> {
  const name = state.name;
  if (!name) return;
  try {
    const v = await API.round(name);
    if (state.name === name) applyView(v);
    if (message) flash(message);
  } catch (e) {
    flash((e as Error).message, 'error');
  }
}

function importCheck(file: File): void {
  const reader = new FileReader();
  reader.onerror = () => flash('读取所选文件失败，请重新选择。', 'error');
  reader.onload = () => {
    const url = String(reader.result);
    const base64 = url.slice(url.indexOf(',') + 1);
    void runAction('import', { filename: file.name, base64, apply: false }, '导入检查');
  };
  reader.readAsDataURL(file);
  (byId<HTMLInputElement>('import-file')).value = '';
}

/** Lines of a change list; a long one shows its start until asked for all. */
const LONG_LINES = 50;
export function lineList(lines: string[], all = false): HTMLElement | null {
  if (!lines.length) return null;
  const shown = all ? lines : lines.slice(0, LONG_LINES);
  const ul = h('ul', { class: 'diff' }, shown.map((l) => h('li', {}, l)));
  if (shown.length < lines.length) {
    ul.append(h('li', { class: 'more-lines' }, `……还有 ${lines.length - shown.length} 条 `,
      h('button', { type: 'button', class: 'ghost small', on: { click: () => ul.replaceWith(lineList(lines, true)!) } }, '全部显示')));
  }
  return ul;
}

/** Diff lines however the answer carries them. */
export function changeLines(c: string[] | { lines: string[] } | null | undefined): string[] {
  if (!c) return [];
  if (Array.isArray(c)) return c.map(String);
  if (Array.isArray(c.lines)) return c.lines.map(String);
  return [];
}

export function renderResult(): void {
  const box = clear(byId('result'));
  const r = state.result;
  if (!r) return;
  const res: ActionAnswer = r.res;
  const files = (res.files ?? []).map((f) => ({ path: f }));
  // an import writes data files, which are not downloads
  const written = r.kind === 'import';
  const lines = changeLines(res.changes);
  const draft = r.kind === 'import' && state.importDraft && res.ok;
  box.append(
    h('section', { class: `card result ${res.ok ? 'ok' : 'warn'}`, 'aria-labelledby': 'result-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'result-title' }, r.label + (res.ok ? (draft ? '：请确认' : '：完成') : '：未执行')),
        h('button', { type: 'button', class: 'link', 'aria-label': '关闭结果', on: { click: () => { state.result = null; renderResult(); } } }, '关闭'),
      ),
      res.message ? h('p', { class: 'message' }, res.message) : null,
      lineList(lines),
      renameList(res, !!draft),
      diagnosticList(res.diagnostics ?? []),
      files.length && written ? h('p', {}, `已写入：${files.map((f) => f.path).join('、')}`) : null,
      files.length && !written ? h('ul', { class: 'files' }, files.map((f) => h('li', {}, downloadLink(f.path)))) : null,
      draft
        ? h('div', { class: 'toolbar' },
            h('button', { type: 'button', class: 'primary', id: 'btn-import-apply', on: { click: () => runAction('import', { ...state.importDraft!, apply: true, rename: !!(document.getElementById('opt-rename') as HTMLInputElement | null)?.checked }, '从 Excel 导入') } }, '确认导入'),
            h('button', { type: 'button', on: { click: () => { state.importDraft = null; state.result = null; renderResult(); } } }, '取消'))
        : null,
    ),
  );
}

/** An import's renames: listed apart, written only when the clerk ticks the box under them. */
function renameList(res: ActionAnswer, draft: boolean): HTMLElement | null {
  const renames = res.renames ?? [];
  if (!renames.length) return null;
  return h('div', { class: 'renames' },
    h('h3', {}, `改名或改网址 ${renames.length} 处（这些行的名称或网址与数据不同，是按下列方式对应上的，不一定是同一个单位）`),
    lineList(renames),
    draft ? h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'opt-rename' }), '确认以上改名或改网址（核对过确是同一单位）') : null,
  );
}

export function downloadLink(path: string, label?: string): HTMLElement {
  const name = String(path).split('/').pop() ?? path;
  return h('a', { href: API.downloadUrl(state.name!, path), download: name, class: 'download', title: `下载 ${path}` }, label ?? name);
}


// --- edits that did not go through ---------------------------------------------------------------

export function renderFailures(): void {
  const box = clear(byId('failures'));
  if (!state.failed.size) return;
  const items: Child[] = [...state.failed.entries()].map(([key, f]) =>
    h('li', {},
      h('span', {}, `${f.label}：${f.message}`), ' ',
      f.stale ? h('button', { type: 'button', on: { click: () => retryStale(key) } }, '重新读取后再保存') : null, ' ',
      h('button', { type: 'button', class: 'ghost', on: { click: () => discard(key) } }, '放弃这处修改')));
  box.append(
    h('section', { class: 'card warn', role: 'alert' },
      h('h2', {}, `有 ${state.failed.size} 处修改没有保存`),
      h('p', {}, '您填写的内容仍保留在表格中（标为“未保存”）。数据文件若已在别处被修改，请点“重新读取后再保存”；若内容不合要求，请改正后再保存。'),
      h('ul', {}, items),
    ),
  );
}

function discard(key: string): void {
  state.failed.delete(key);
  renderFailures();
  renderUnits();
}

async function retryStale(key: string): Promise<void> {
  const f = state.failed.get(key);
  if (!f || !state.name) return;
  let v;
  try {
    v = await API.round(state.name);
  } catch (e) {
    flash((e as Error).message, 'error');
    return;
  }
  state.view = v;
  // edits name a unit by its place in the file: if the file now has another unit there, the
  // edit is not sent again (it would change the wrong one)
  if (f.unit) {
    const now = findUnit(f.unit.id);
    if (!now || now.name !== f.unit.name) {
      state.failed.delete(key);
      applyView(v);
      flash(`没有重试“${f.label}”：文件中这个位置现在是另一个单位（或已删除）。请在表格中找到该单位重新修改。`, 'error');
      return;
    }
  }
  void submitEdit(key, f.rebuild ? f.rebuild() : f.edits, f.label, f.value, f.unit);
}
