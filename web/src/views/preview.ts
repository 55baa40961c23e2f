// The notice preview: the server's rendering (src/render/html), A4 sheets, zoomable.
import { append, byId, clear, h } from '../dom.js';
import { state, view } from '../state.js';
import { jumpTo } from './diagnostics.js';

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
    h('button', { type: 'button', class: 'ghost small', 'aria-label': '缩小预览', on: { click: () => zoomBy(1 / 1.15) } }, '缩小'),
    h('button', { type: 'button', class: 'ghost small', 'aria-label': '放大预览', on: { click: () => zoomBy(1.15) } }, '放大'),
    h('button', { type: 'button', class: 'ghost small', on: { click: () => { state.zoom = null; applyZoom(); } } }, '适合宽度'),
    h('button', { type: 'button', class: 'ghost small', 'aria-pressed': String(state.previewHidden), on: { click: () => { state.previewHidden = !state.previewHidden; renderPreview(); } } }, state.previewHidden ? '显示预览' : '隐藏预览'),
  ]);
  if (state.previewHidden) { clear(box); return; }
  const html = view().previewHtml;
  const top = box.scrollTop;
  if (!html) {
    clear(box).append(h('p', { class: 'preview-empty' }, '通报信息（notice.yaml）有错误，暂时排不出通报：改正上方列出的错误后这里即显示。'));
    shownPreview = null;
    return;
  }
  const notes = view().previewNotes;
  const p = view().progress;
  const early = p.toFill > 0 || notes.length > 0;
  bar.append(h('p', { class: `preview-note${early ? '' : ' hidden'}`, id: 'preview-note', role: 'note' },
    early ? [p.toFill ? `尚未填完：结果已填 ${p.results.filled}/${p.results.total}，未填的暂按合格计；【待填写：…】处填好后即显示。` : '', ...notes].join(' ') : ''));
  if (box.firstElementChild?.classList.contains('tb-notice') !== true || shownPreview !== html) {
    // the zoom is read while the page is laid out (reading scrollTop above did that) and set on
    // the new sheets before anything lays them out: else they are laid out once at 100 % (for
    // scrollTop) and again zoomed. The applyZoom below corrects it should the width change.
    const zoom = state.zoom ?? fitZoom();
    // escaped by the server's renderer (src/render/html): the only HTML the page inserts
    box.innerHTML = html;
    shownPreview = html;
    applyZoom(zoom);
    // a unit marked 【有错误：…】 in the annexes: its marker is a link to the unit's box
    for (const a of box.querySelectorAll<HTMLAnchorElement>('a.tb-err[data-jump-unit]')) {
      a.setAttribute('aria-label', `${a.textContent ?? ''}，跳到数据中的这个单位改正`);
      a.addEventListener('click', (e) => {
        e.preventDefault();
        jumpTo({ unitId: a.dataset.jumpUnit ?? null, field: a.dataset.jumpField ?? null, month: null });
      });
    }
    box.scrollTop = top;
    evenSplitLines(box);
  }
  applyZoom();
}

/**
 * A paragraph split across pages ends its first part with a full line, justified to both edges
 * (.tb-split). The page's line breaks are the server's estimate; where the browser breaks the
 * part so that its last line is short, stretching that line would spread a few characters over
 * the whole width — such a line is left as it is.
 */
function evenSplitLines(box: HTMLElement): void {
  for (const p of box.querySelectorAll<HTMLElement>('p.tb-split')) {
    p.style.textAlignLast = 'auto';
    const range = document.createRange();
    range.selectNodeContents(p);
    const rects = [...range.getClientRects()];
    if (!rects.length) continue;
    const lastTop = Math.max(...rects.map((r) => r.top));
    const lastRight = Math.max(...rects.filter((r) => Math.abs(r.top - lastTop) < 2).map((r) => r.right));
    const para = p.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(p).fontSize) || 16;
    // within two characters of the right edge (as a share of the width, whatever the zoom): a
    // full line, justified as the docx does
    p.style.textAlignLast = (para.right - lastRight) / para.width <= (2 * em) / (p.offsetWidth || 1) ? '' : 'auto';
  }
}

function fitZoom(): number {
  const box = document.getElementById('preview');
  const w = box?.clientWidth ?? SHEET_PX;
  return Math.min(1, Math.max(0.3, (w - 24) / SHEET_PX));
}

export function applyZoom(zoom?: number): void {
  const notice = document.querySelector<HTMLElement>('#preview .tb-notice');
  if (notice) notice.style.setProperty('zoom', String(zoom ?? state.zoom ?? fitZoom()));
}
