// 修改历史: each saved version of the round's data (every edit keeps the files it replaced),
// what that edit changed in a clerk's words, the version against now, and 恢复 — itself an
// edit, so it shows up here and can be undone. 撤销 (in the round's head) restores the newest.
import type { DataVersion } from '../api-types.js';
import { API, ApiError } from '../client.js';
import { append, clear, flash, fmtTime, h } from '../dom.js';
import { applyView, queue } from '../edit.js';
import { state, view } from '../state.js';
import { lineList } from './round.js';

/** how the round began, from the last listing */
let origin: string | null = null;

async function load(): Promise<DataVersion[]> {
  const res = await API.history(state.name!);
  origin = res.origin;
  return res.versions;
}

/** Put version n back (one edit; the files it replaces are kept as a new version). */
export async function restore(n: number, label: string): Promise<void> {
  await queue;
  const name = state.name;
  if (!name) return;
  try {
    const v = await API.restore(name, { n, hashes: view().hashes });
    if (state.name !== name) return;
    applyView(v);
    flash(`${label}：已恢复第 ${n} 版保存的数据（恢复前的数据也已存为一个新版本，可再恢复）`);
  } catch (e) {
    flash((e as ApiError).message, 'error');
  }
}

/** 撤销: the newest version is the data as it was before the last edit. */
export async function undoLast(): Promise<void> {
  let versions: DataVersion[];
  try {
    versions = await load();
  } catch (e) {
    flash((e as Error).message, 'error');
    return;
  }
  if (!versions.length) {
    flash('没有可以撤销的修改。', 'warn');
    return;
  }
  const last = versions[0];
  await restore(last.n, `撤销“${last.label ?? last.summary[0] ?? `第 ${last.n} 版`}”`);
}

export function renderHistory(panel: HTMLElement): void {
  const list = h('div', { id: 'history-list' }, h('p', { class: 'loading' }, '正在读取历史版本……'));
  panel.append(
    h('p', { class: 'hint' }, '每次保存修改（网页、导入、恢复）前，被替换的数据文件都存为一个版本（数据文件夹的 history 中）。“恢复”把那一版的文件放回，恢复本身也是一次修改，可以再撤销。'),
    list,
  );
  const name = state.name;
  void (async () => {
    let versions: DataVersion[];
    try {
      versions = await load();
    } catch (e) {
      clear(list).append(h('p', { class: 'error-box' }, (e as Error).message));
      return;
    }
    if (state.name !== name) return;
    clear(list);
    if (!versions.length) list.append(h('p', { class: 'muted' }, '还没有保存过修改，暂无历史版本。'));
    else list.append(h('ol', { class: 'versions', reversed: true }, versions.map((v) => versionItem(v))));
    if (origin) list.append(h('p', { class: 'muted', id: 'history-origin' }, origin));
  })();
}

function versionItem(v: DataVersion): HTMLElement {
  const diffBox = h('div', { class: 'version-diff' });
  const what = v.label ?? (v.summary.length ? v.summary[0] : '（无内容变化）');
  return h('li', { class: 'version', 'data-version': String(v.n) },
    h('div', { class: 'version-head' },
      h('strong', {}, `第 ${v.n} 版`),
      h('span', { class: 'muted' }, ` ${fmtTime(v.time)} 之前的数据 · ${v.files.join('、')} · 来自：${v.source ?? '网页以外（命令行、编辑器等）'}`),
    ),
    h('p', { class: 'version-what' }, `这次修改：${what}`),
    v.summary.length ? h('ul', { class: 'diff' }, v.summary.map((l) => h('li', {}, l)), v.more ? h('li', { class: 'muted' }, `……等共 ${v.summary.length + v.more} 处`) : null) : null,
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'small', 'aria-label': `第 ${v.n} 版与现在比较`, on: { click: async () => {
        try {
          const d = await API.version(state.name!, v.n);
          clear(diffBox);
          append(diffBox, [h('h4', {}, `恢复第 ${v.n} 版会改回：`), d.lines.length ? lineList(d.lines) : h('p', { class: 'muted' }, '与现在相同。')]);
        } catch (e) {
          flash((e as Error).message, 'error');
        }
      } } }, '与现在比较'),
      h('button', { type: 'button', class: 'small', 'aria-label': `恢复第 ${v.n} 版`, on: { click: () => {
        if (!confirm(`把数据恢复为第 ${v.n} 版（${what}之前）？\n现在的数据会先存为一个新版本，可以再恢复。`)) return;
        void restore(v.n, `恢复第 ${v.n} 版`);
      } } }, '恢复这一版'),
    ),
    diffBox,
  );
}
