// What the page holds between redraws. One object, shared by the views.
import type { ActionAnswer, EditOp, FilesAnswer, ImportRequest, RoundSummary, RoundView, UnitRow } from './api-types.js';

/** Rows of a table drawn at first, and added each time 显示更多 is pressed. */
export const PAGE_ROWS = 100;

export interface Filters {
  q: string;
  level: string;
  platform: string;
  failing: boolean;
  flagged: boolean;
}

export const noFilters = (): Filters => ({ q: '', level: '', platform: '', failing: false, flagged: false });

/** An edit the server refused or could not take. */
export interface FailedEdit {
  edits: EditOp[];
  label: string;
  value: string | null;
  message: string;
  stale: boolean;
  unit: { id: string; name: string } | null;
  /** the edits again, from the unit as it is now (a text field) */
  rebuild?: () => EditOp[] | null;
}

export interface ActionShown {
  kind: string;
  label: string;
  res: ActionAnswer;
}

export const state = {
  root: '',
  rounds: null as RoundSummary[] | null,
  name: null as string | null,
  view: null as RoundView | null,
  files: null as (FilesAnswer | { error: string }) | null,
  /** the round's open tab (views/index.ts ROUND_TABS) */
  tab: 'accounts',
  filters: noFilters(),
  limit: PAGE_ROWS,
  failed: new Map<string, FailedEdit>(),
  /** the last action's answer shown under the toolbar */
  result: null as ActionShown | null,
  /** an Excel import checked but not yet applied */
  importDraft: null as ImportRequest | null,
  busy: '',
  /** what this machine can do (from /api/rounds) */
  tools: null as { pdf: boolean; import: boolean } | null,
  /** a large round's search answered by the server: kind → { q, units } */
  found: {} as Partial<Record<'sites' | 'accounts', { q: string; units: UnitRow[] }>>,
  zoom: null as number | null,
  previewHidden: false,
  pdf: null as boolean | null,
};

/** The round view now shown (the round views run only when there is one). */
export function view(): RoundView {
  if (!state.view) throw new Error('no round open');
  return state.view;
}
