// Saving edits: POST one edit at a time, in order, with the file hashes as the page saw them;
// an edit the server refuses stays on screen (marked 未保存) with the reason.
import type { EditOp, RoundView, UnitRow } from './api-types.js';
import { API, ApiError } from './client.js';
import { flash } from './dom.js';
import { state } from './state.js';
import { redraw, redrawAfterFailure } from './views/round.js';

export let queue: Promise<unknown> = Promise.resolve();
/** edits sent and not yet answered */
export let pending = 0;

/** Edits sent and not answered, on the page (a busy indicator for assistive tools and tests). */
function markPending(): void {
  document.body.dataset.pending = String(pending);
  document.body.setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
}

export function findUnit(id: string): UnitRow | null {
  const v = state.view;
  if (!v) return null;
  return v.sites.find((u) => u.id === id) ?? v.accounts.find((u) => u.id === id) ?? null;
}

/** A new RoundView from the server: redraw, keeping focus, typing and scroll positions. */
export function applyView(view: RoundView): void {
  const keep = captureFocus();
  const pane = document.getElementById('data-pane');
  const top = pane?.scrollTop ?? 0;
  state.view = view;
  state.found = {};
  redraw();
  if (pane) pane.scrollTop = top;
  restoreFocus(keep);
}

interface Kept {
  key: string;
  value: string | null;
  start: number | null;
  end: number | null;
}

export function captureFocus(): Kept | null {
  const el = document.activeElement as (HTMLElement & Partial<HTMLInputElement>) | null;
  if (!el || !el.dataset || !el.dataset.key) return null;
  const dirty = 'value' in el && el.dataset.orig !== undefined && el.value !== el.dataset.orig;
  return { key: el.dataset.key, value: dirty ? (el.value ?? null) : null, start: el.selectionStart ?? null, end: el.selectionEnd ?? null };
}

export function restoreFocus(keep: Kept | null): void {
  if (!keep) return;
  const el = document.querySelector<HTMLElement & Partial<HTMLInputElement>>(`[data-key="${CSS.escape(keep.key)}"]`);
  if (!el) return;
  if (keep.value !== null) el.value = keep.value;
  el.focus({ preventScroll: true });
  try {
    if (keep.start !== null && el.setSelectionRange) el.setSelectionRange(keep.start, keep.end);
  } catch {
    /* not a text field */
  }
}

/** POST one edit with the file hashes as this page saw them; edits go one at a time, in order. */
export function submitEdit(key: string, edits: EditOp[] | null, label: string, value: string | null, unit: { id: string; name: string } | null = null): Promise<unknown> {
  if (!edits) return queue;
  pending++;
  markPending();
  queue = queue.then(async () => {
    if (!state.view || !state.name) return;
    const name = state.name;
    const sent = state.view;
    try {
      const view = await API.edit(name, { hashes: sent.hashes, edits, label, ...(sent.previewKey ? { preview: sent.previewKey } : {}) });
      if (state.name !== name) return;
      // the preview did not change: the answer leaves it out, the page keeps the one it has
      if (view.previewUnchanged) view.previewHtml = sent.previewHtml;
      state.failed.delete(key);
      applyView(view);
      flash(`已保存：${label}`);
    } catch (e) {
      if (state.name !== name) return;
      const err = e as ApiError;
      let message = err.message;
      if (err.status === 422 && Array.isArray(err.data?.diagnostics)) {
        const more = err.data!.diagnostics!.map((d) => d.message).filter((m) => m && !message.includes(m));
        if (more.length) message += '：' + more.join('；');
      }
      state.failed.set(key, { edits, label, value, message, stale: err.status === 409, unit });
      const keep = captureFocus();
      redrawAfterFailure();
      restoreFocus(keep);
      flash(`没有保存：${label}。${message}`, 'error');
    } finally {
      pending--;
      markPending();
    }
  });
  return queue;
}
