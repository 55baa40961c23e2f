// The RoundView the page shows (docs/serve.md): the notice's figures as it states them, the
// units as tables with the YAML paths an edit needs, every diagnostic at its unit and field,
// the preview, and what changed since the last build.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { noticeParagraphs } from '../lint';
import type { SourceFile } from '../load/yaml-file';
import { renderNoticeHtml } from '../render/html';
import { sha256 } from '../write/hash';
import { LEVELS, PLATFORMS } from '../types';
import type { Level, Platform } from '../types';
import type { AccountRow, Changes, Overview, RoundView, SiteRow, ViewDiagnostic, YamlPath } from '../../web/src/api-types';
import type { Computed, RoundState } from './state';
import { indexUnits, offsetOf, unitAt, unitAtQuick, unitId } from './units';
import { parseRound, roundLabel } from '../init';
import { clerkMessage, isFill, lineRefsInWords, placeInFile, progressOf } from './progress';
import { markFills, provisional } from './provisional';
import type { Provisional } from './provisional';
import type { UnitIndex } from './units';

type Path = YamlPath;

// The shapes the page receives are defined once, in web/src/api-types.ts, which the page's code
// imports too: a change on one side that the other does not follow fails to compile.
export type { AccountRow, Overview, RoundView, SiteRow, ViewDiagnostic } from '../../web/src/api-types';

const PLATFORM_NAME: Record<Platform, string> = { weibo: '政务微博', wechat: '政务微信' };
const DEFAULT_LEVEL: Record<Level, string> = { department: '州直部门', county: '县（市）' };

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' ? [v] : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The paragraphs of the notice's first section (一、…), which state the totals and lists. */
function sentencesOf(model: ReportModel, paragraphs?: string[]): string[] {
  const paras = paragraphs ?? noticeParagraphs(model);
  const from = paras.findIndex((p) => /^一、/.test(p));
  if (from < 0) return [];
  const to = paras.findIndex((p, i) => i > from && /^二、/.test(p));
  return paras.slice(from + 1, to < 0 ? undefined : to);
}

/** Failing units the overview lists at most of each kind (the page shows 60 until asked for all). */
export const OVERVIEW_LIMIT = 200;

/**
 * The notice's figures and failing lists. A list longer than `limit` is cut to its first
 * `limit` names (the notice's order) and `omitted` says how many more there are: a national
 * round fails 17,000 accounts, which made the answer to every edit 2.4 MB longer
 * (GET …/overview gives the whole lists). A sentence of the notice longer than SENTENCE_LIMIT is
 * cut short alike (the preview has it whole).
 */
export function overviewOf(model: ReportModel, paragraphs?: string[], limit = Infinity): Overview {
  const sites = model.failingSites.slice(0, limit);
  const accounts = model.failingAccounts.slice(0, limit);
  return {
    title: model.title,
    round: model.round.label,
    totals: model.totals,
    failingSites: sites.map((s) => ({ name: s.name, url: s.url, levelName: s.levelName, problems: s.problems })),
    failingAccounts: accounts.map((a) => ({ name: a.name, owner: a.owner, platformLabel: a.platformLabel, levelName: a.levelName, failingMonths: a.failingMonths })),
    omitted: { failingSites: model.failingSites.length - sites.length, failingAccounts: model.failingAccounts.length - accounts.length },
    sentences: limit === Infinity ? sentencesOf(model, paragraphs) : sentencesOf(model, paragraphs).map(shortened),
  };
}

/** Characters of a sentence the capped overview keeps (the list of a national round's failing names is 200,000). */
export const SENTENCE_LIMIT = 2000;
function shortened(s: string): string {
  if (s.length <= SENTENCE_LIMIT) return s;
  // not between the halves of a surrogate pair
  const cut = SENTENCE_LIMIT - (/[\ud800-\udbff]/.test(s[SENTENCE_LIMIT - 1]) ? 1 : 0);
  return `${s.slice(0, cut)}……（全文见通报预览）`;
}

/** The overview with every failing unit listed (GET …/overview), as the view would show it otherwise. */
export function fullOverview(c: Computed): Overview | null {
  if (c.model) return overviewOf(c.model, c.paragraphs);
  const early = provisionalOf(c);
  return early ? overviewOf(early.model) : null;
}

const DEPTH: Record<string, number> = { 'sites.yaml': 2, 'accounts.yaml': 3, 'notice.yaml': 1 };

/** Each diagnostic with the unit and field it is about. */
export function placeDiagnostics(c: Computed): ViewDiagnostic[] {
  const byName = new Map<string, { file: SourceFile; index: () => UnitIndex }>();
  for (const f of Object.values(c.loaded.files)) {
    if (!f) continue;
    let idx: UnitIndex | null = null;
    const name = f.display;
    byName.set(name, { file: f, index: () => (idx ??= indexUnits(f, name, DEPTH[name] ?? 1)) });
  }
  const place = (d: Diagnostic, source: 'validate' | 'lint'): ViewDiagnostic => {
    const hit = byName.get(d.file);
    const off = hit ? offsetOf(hit.file, d.line, d.col) : 0;
    const found = hit ? (unitAtQuick(hit.file, d.file, DEPTH[d.file] ?? 1, off) ?? unitAt(hit.index(), off)) : { unitId: null, field: null, item: null };
    // a problem of the unit as a whole (缺少各月结果) is reported where its item begins, which is
    // its first key's place: that is not about the first field (名称)
    const at = found.unitId && found.field && !/^未知字段/.test(d.message) && atItemStart(hit!.file, d.line, d.col, found.field) ? { ...found, field: null, item: null } : found;
    const kind = d.file.replace(/\.yaml$/, '') as keyof typeof c.loaded.data;
    const where = { line: d.line, read: !!hit, broken: !!hit && c.loaded.data[kind] === undefined, inner: hit && d.file === 'notice.yaml' ? innerKey(hit.file, d.line) : null };
    return {
      severity: d.severity,
      file: d.file,
      line: d.line,
      col: d.col,
      message: source === 'validate' ? clerkMessage(lineRefsInWords(d.message, (line) => (hit ? unitAtLine(hit.file, d.file, line, hit.index) : null)), d.file, !!where.inner) : d.message,
      rule: d.rule ?? null,
      unitId: at.unitId,
      field: at.field,
      month: at.item,
      source,
      fill: isFill(d),
      place: placeInFile(c, { unitId: at.unitId, field: at.field, month: at.item }, d.file, where),
    };
  };
  return [...c.diagnostics.map((d) => place(d, 'validate')), ...c.lint.map((d) => place(d, 'lint'))];
}

/** Whether LINE:COL is where a unit's mapping begins: just after its `- `, at the key `field` (not in a value). */
function atItemStart(file: SourceFile, line: number, col: number, field: string): boolean {
  const start = file.lineCounter.lineStarts[line - 1];
  if (start === undefined) return false;
  const at = start + col - 1;
  return /^\s*-\s+$/.test(file.text.slice(start, at)) && file.text.startsWith(field, at) && /^\s*:/.test(file.text.slice(at + field.length, at + field.length + 20));
}

/** The key an indented line of a file begins with (`  to: ~` → to). */
function innerKey(file: SourceFile, line: number): string | null {
  const start = file.lineCounter.lineStarts[line - 1];
  if (start === undefined) return null;
  return /^[ ]+(?:-[ ]+)?([a-z_]+)[ ]*:/.exec(file.text.slice(start, start + 200))?.[1] ?? null;
}

/** The unit a line's first field is in, by the same reader as the diagnostics' places. */
function unitAtLine(file: SourceFile, name: string, line: number, index: () => UnitIndex): string | null {
  const start = file.lineCounter.lineStarts[line - 1];
  if (start === undefined) return null;
  const off = start + /^\s*(?:-\s+)?/.exec(file.text.slice(start, start + 200))![0].length;
  const at = unitAtQuick(file, name, DEPTH[name] ?? 1, off) ?? unitAt(index(), off);
  return at.unitId;
}

export interface ViewOptions {
  /** past this many units of a kind, list at most this many: edited ones, ones with a diagnostic, failing ones */
  unitLimit?: number;
  /** units to list whatever the limit (the ones just edited) */
  keep?: Set<string>;
  /** failing units the overview lists at most of each kind; default OVERVIEW_LIMIT */
  overviewLimit?: number;
}

/** The stand-in preview of a round that does not validate yet, once per version of the files. */
const provisionals = new WeakMap<Computed, Provisional | null>();
function provisionalOf(c: Computed): Provisional | null {
  if (!provisionals.has(c)) provisionals.set(c, provisional(c.loaded));
  return provisionals.get(c)!;
}

/**
 * The preview's HTML, once per version of the files (like the stand-in above): the page asks for
 * views of one version more than once (the view after an edit, the whole list of units, the
 * overview) and the HTML is the same each time.
 */
const previews = new WeakMap<Computed, string | null>();
function previewOf(c: Computed, early: Provisional | null): string | null {
  if (!previews.has(c)) {
    const html = c.model ? renderNoticeHtml(c.model, c.blocks ? { blocks: c.blocks } : {}) : early ? markFills(renderNoticeHtml(early.model, { blocks: early.blocks }), early.errorUnits) : null;
    previews.set(c, html);
  }
  return previews.get(c)!;
}

/** Title and quarter for the page's heading, from the notice as far as it is known. */
export function headingOf(c: Computed, model: ReportModel | null, name: string): RoundView['heading'] {
  if (model) return { title: model.title, round: model.round.label };
  const n = obj(c.loaded.data.notice);
  const q = typeof n.round === 'string' ? parseRound(n.round) : null;
  const round = q ? roundLabel(q) : '';
  return { title: typeof n.title === 'string' && n.title ? n.title : round ? `${round}检查情况通报` : name, round };
}

/**
 * The units of a kind to list, in file order: all of them up to `limit`; past it the ones in
 * `keep`, then those in `flagged`, then failing ones, until `limit` are chosen. Units are named
 * by group (`prefix`, e.g. accounts.yaml:wechat:county) and index.
 */
function pick<G extends { prefix: string; items: unknown[] }>(
  groups: readonly G[],
  limit: number,
  keep: ReadonlySet<string>,
  flagged: ReadonlySet<string>,
  failing: (g: G, i: number) => boolean,
): { g: G; i: number }[] {
  const all = groups.reduce((n, g) => n + g.items.length, 0);
  if (all <= limit) return groups.flatMap((g) => g.items.map((_, i) => ({ g, i })));
  // the units named in keep and flagged, by group and index, with their rank (0 kept, 1 flagged)
  const special = new Map<string, Map<number, number>>();
  const mark = (ids: ReadonlySet<string>, rank: number) => {
    for (const id of ids) {
      const at = id.lastIndexOf(':');
      const i = Number(id.slice(at + 1));
      if (at < 0 || !Number.isInteger(i)) continue;
      const prefix = id.slice(0, at);
      const m = special.get(prefix) ?? special.set(prefix, new Map()).get(prefix)!;
      if (!m.has(i)) m.set(i, rank);
    }
  };
  mark(keep, 0);
  mark(flagged, 1);
  const chosen: { g: G; i: number; gi: number; rank: number }[] = [];
  groups.forEach((g, gi) => {
    for (const [i, rank] of special.get(g.prefix) ?? []) if (i >= 0 && i < g.items.length) chosen.push({ g, i, gi, rank });
  });
  const byFile = (a: { gi: number; i: number }, b: { gi: number; i: number }) => a.gi - b.gi || a.i - b.i;
  chosen.sort((a, b) => a.rank - b.rank || byFile(a, b));
  chosen.length = Math.min(chosen.length, limit);
  // then failing units in file order, looked at only until the list is full
  for (let gi = 0; gi < groups.length && chosen.length < limit; gi++) {
    const g = groups[gi];
    const mine = special.get(g.prefix);
    for (let i = 0; i < g.items.length && chosen.length < limit; i++) {
      if (!mine?.has(i) && failing(g, i)) chosen.push({ g, i, gi, rank: 2 });
    }
  }
  return chosen.sort(byFile).map(({ g, i }) => ({ g, i }));
}

/** The preview's fingerprint (RoundView.previewKey); the same string as last time is not hashed again. */
let lastKey: { html: string; key: string } | null = null;
function keyOf(html: string): string {
  if (lastKey?.html !== html) lastKey = { html, key: sha256(html).slice(0, 32) };
  return lastKey.key;
}

export function roundView(state: RoundState, c: Computed, changes: Changes | null, opts: ViewOptions = {}): RoundView {
  const model = c.model;
  const diagnostics = placeDiagnostics(c);
  const notice = obj(c.loaded.data.notice);
  const levelsRaw = obj(notice.levels);
  const levelName = (l: Level) => model?.levels[l] ?? (str(levelsRaw[l]) || DEFAULT_LEVEL[l]);
  const platformName = (p: Platform) => model?.platformLabels[p] ?? PLATFORM_NAME[p];
  const months = model ? model.months.map((m) => ({ key: m.key, label: m.label })) : strs(notice.months).map((k) => ({ key: k, label: /^\d{4}-\d{2}$/.test(k) ? `${Number(k.slice(5))}月` : k }));

  // Which units to list: all of them, or in a large round (more than `unitLimit` of a kind) the
  // ones just edited, then ones with a diagnostic, then failing ones, up to the limit. Rows (and
  // ids) are made only for the units listed, and failing units are looked for only until the
  // list is full: a national round has 150,000 accounts and the answer lists 2,000.
  const limit = opts.unitLimit ?? 2000;
  const flagged = new Set(diagnostics.map((d) => d.unitId).filter((x): x is string => !!x));
  const keep = opts.keep ?? new Set<string>();

  const sitesData = obj(c.loaded.data.sites);
  const siteGroups = LEVELS.map((level) => ({ prefix: unitId('sites.yaml', [level]), level, items: arr(sitesData[level]) }));
  const shownSites = pick(siteGroups, limit, keep, flagged, (g, i) => obj(g.items[i]).result !== '合格');
  const sites: SiteRow[] = shownSites.map(({ g, i }) => {
    const { level } = g;
    const s = obj(g.items[i]);
    const base: Path = [level, i];
    return {
      id: unitId('sites.yaml', base),
      file: 'sites.yaml',
      group: level,
      level,
      groupName: levelName(level),
      index: i,
      name: str(s.name),
      url: str(s.url),
      result: str(s.result),
      problems: strs(s.problems),
      paths: { name: [...base, 'name'], url: [...base, 'url'], result: [...base, 'result'], problems: [...base, 'problems'] },
    };
  });

  const accData = obj(c.loaded.data.accounts);
  const accGroups = PLATFORMS.flatMap((platform) =>
    LEVELS.map((level) => ({ prefix: unitId('accounts.yaml', [platform, level]), platform, level, items: arr(obj(accData[platform])[level]), judged: c.validated?.round.accounts[platform][level] })),
  );
  const judgedOf = (g: (typeof accGroups)[number], i: number): string[] | null => (g.judged?.[i] ? g.judged[i].results : null);
  const shownAccounts = pick(accGroups, limit, keep, flagged, (g, i) => {
    const raw = obj(g.items[i]);
    return (judgedOf(g, i) ?? (Array.isArray(raw.results) ? raw.results : [])).some((r) => r !== '合格');
  });
  const accounts: AccountRow[] = shownAccounts.map(({ g, i }) => {
    const { platform, level } = g;
    const a = obj(g.items[i]);
    const judged = judgedOf(g, i);
    const base: Path = [platform, level, i];
    return {
      id: unitId('accounts.yaml', base),
      file: 'accounts.yaml',
      platform,
      platformName: platformName(platform),
      group: level,
      level,
      groupName: levelName(level),
      index: i,
      name: str(a.name),
      owner: str(a.owner),
      service: a.service === true,
      results: Array.isArray(a.results) ? a.results.map(str) : null,
      judged: judged ? [...judged] : null,
      problems: strs(a.problems),
      paths: {
        name: [...base, 'name'],
        owner: [...base, 'owner'],
        results: months.map((_, m) => [...base, 'results', m]),
        problems: [...base, 'problems'],
      },
    };
  });
  const count = (gs: { items: unknown[] }[]) => gs.reduce((n, g) => n + g.items.length, 0);
  const omitted = { sites: count(siteGroups) - sites.length, accounts: count(accGroups) - accounts.length };

  const errors = c.diagnostics.filter((d) => d.severity === 'error' && !isFill(d)).length;
  const toFill = c.diagnostics.filter(isFill).length;
  // before the data validates, the preview and totals come from a stand-in copy (provisional.ts)
  const early = model ? null : provisionalOf(c);
  const shownModel = model ?? early?.model ?? null;
  const previewHtml = previewOf(c, early);
  return {
    name: state.name,
    hashes: state.hashes(),
    ok: errors === 0 && toFill === 0 && !!model,
    errors,
    warnings: diagnostics.length - errors - toFill,
    overview: shownModel ? overviewOf(shownModel, early ? undefined : c.paragraphs, opts.overviewLimit ?? OVERVIEW_LIMIT) : null,
    months,
    sites,
    accounts,
    omitted,
    diagnostics,
    previewHtml,
    previewKey: previewHtml === null ? null : keyOf(previewHtml),
    previewNotes: early ? early.notes : [],
    changes,
    heading: headingOf(c, shownModel, state.name),
    progress: progressOf(c, diagnostics),
    notice: c.loaded.data.notice && typeof c.loaded.data.notice === 'object' && !Array.isArray(c.loaded.data.notice) ? (c.loaded.data.notice as Record<string, unknown>) : null,
  };
}
