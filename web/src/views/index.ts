// The page's views, registered in two plain lists:
// - ROUTES: whole pages, chosen by the address after # (first match wins);
// - ROUND_TABS: the tabs of a round's page (under the overview), in the order shown.
// A new view is one file in this folder and one entry here (see docs/serve.md, “Adding a view”).
import type { RoundView } from '../api-types.js';
import { renderFiles } from './files.js';
import { renderHistory } from './history.js';
import { renderNotice } from './notice.js';
import { renderRectify } from './rectify.js';
import { openRound } from './round.js';
import { showRounds } from './rounds.js';
import { renderTable } from './units.js';

export interface Route {
  /** matched against location.hash */
  pattern: RegExp;
  show(match: RegExpExecArray): void | Promise<void>;
  /** the round this page belongs to (leaving it with unsaved edits asks first) */
  round?(match: RegExpExecArray): string;
}

export interface RoundTab {
  id: string;
  /** the tab's text, from the round now shown */
  label(v: RoundView): string;
  /** draw the tab's content into its (empty) panel */
  render(panel: HTMLElement): void;
}

export const ROUTES: Route[] = [
  { pattern: /^#\/r\/([^/]+)$/, show: (m) => openRound(decodeURIComponent(m[1])), round: (m) => decodeURIComponent(m[1]) },
  { pattern: /^/, show: () => showRounds() },
];

export const ROUND_TABS: RoundTab[] = [
  { id: 'accounts', label: (v) => `政务新媒体（${v.accounts.length + v.omitted.accounts}）`, render: (panel) => renderTable(panel, 'accounts') },
  { id: 'sites', label: (v) => `政府网站（${v.sites.length + v.omitted.sites}）`, render: (panel) => renderTable(panel, 'sites') },
  { id: 'notice', label: (v) => `通报信息${v.progress.groups.find((g) => g.key === 'notice') ? `（待填 ${v.progress.groups.find((g) => g.key === 'notice')!.count}）` : ''}`, render: (panel) => renderNotice(panel) },
  { id: 'history', label: () => '修改历史', render: (panel) => renderHistory(panel) },
  { id: 'rectify', label: () => '整改', render: (panel) => renderRectify(panel) },
  { id: 'files', label: () => '输出文件与历史版本', render: (panel) => renderFiles(panel) },
];
