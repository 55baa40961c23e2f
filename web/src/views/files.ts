// Output files and history versions of a round (a tab of the round page).
import type { FileEntry } from '../api-types.js';
import { API } from '../client.js';
import { append, fmtSize, h } from '../dom.js';
import { state } from '../state.js';
import { downloadLink } from './round.js';
import { renderUnits } from './units.js';

export async function loadFiles(): Promise<void> {
  const name = state.name;
  if (!name) return;
  try {
    const files = await API.files(name);
    if (state.name !== name) return;
    state.files = files;
  } catch (e) {
    state.files = { error: (e as Error).message };
  }
  if (state.tab === 'files' && document.getElementById('tab-panel')) renderUnits();
}

const ROLE: Record<string, string> = { notice: '通报', annex1: '附件1', annex2: '附件2', manifest: '清单', bundle: '送签包' };

export function renderFiles(panel: HTMLElement): void {
  const f = state.files;
  if (!f) { panel.append(h('p', { class: 'loading' }, '正在读取文件列表……')); return; }
  if ('error' in f) { panel.append(h('p', { class: 'error-box' }, f.error)); return; }
  const fileItem = (x: FileEntry) => {
    const role = x.role ? ROLE[x.role] : undefined;
    return h('li', {}, downloadLink(x.path, x.name), h('span', { class: 'muted' }, role ? `（${role}）` : '', x.size ? ` ${fmtSize(x.size)}` : ''));
  };
  append(panel, [
    f.outDir ? h('p', { class: 'hint' }, `输出文件夹：${f.outDir}`) : null,
    h('h3', {}, '当前输出'),
    f.outputs.length ? h('ul', { class: 'files', id: 'outputs' }, f.outputs.map(fileItem)) : h('p', { class: 'muted' }, '还没有生成过。点“生成”后，通报和附件会出现在这里。'),
    f.bundles.length ? [h('h3', {}, '送签包'), h('ul', { class: 'files' }, f.bundles.map(fileItem))] : null,
    h('h3', {}, '历史版本'),
    f.history.length
      ? h('ul', { class: 'history' }, f.history.map((hv) => h('li', {}, h('strong', {}, `第 ${hv.n} 版`), h('ul', { class: 'files' }, hv.files.map(fileItem)))))
      : h('p', { class: 'muted' }, '暂无历史版本（每次重新生成时，上一版会保存在这里）。'),
  ]);
}
