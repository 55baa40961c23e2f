// The notice preview: the server's rendering (src/render/html), A4 sheets, zoomable.
import { append, byId, clear, h } from '../dom.js';
import { state, view } from '../state.js';

const SHEET_PX = 794; // 210 mm at 96 px per inch
/** the preview HTML now on screen (not re-inserted when an edit leaves the notice as it was) */
let shownPreview: string | null = null;

export function renderPreview(): void {
  const bar = clear(byId('preview-bar'));
  const box = byId('preview');
  document.getElementById('round')?.classList.toggle('no-preview', state.previewHidden);
  const zoomBy = (k: number) => { state.zoom = Math.min(1.5, Math.max(0.3, (state.zoom ?? fitZoom()) * k)); applyZoom(); };
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
  const html = view().previewHtml;
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

function fitZoom(): number {
  const box = document.getElementById('preview');
  const w = box?.clientWidth ?? SHEET_PX;
  return Math.min(1, Math.max(0.3, (w - 24) / SHEET_PX));
}

export function applyZoom(): void {
  const notice = document.querySelector<HTMLElement>('#preview .tb-notice');
  if (notice) notice.style.setProperty('zoom', String(state.zoom ?? fitZoom()));
}
