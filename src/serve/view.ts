// The RoundView the page shows (docs/serve.md): the notice's figures as it states them, the
// units as tables with the YAML paths an edit needs, every diagnostic at its unit and field,
// the preview, and what changed since the last build.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { noticeParagraphs } from '../lint';
import type { SourceFile } from '../load/yaml-file';
import { renderNoticeHtml } from '../render/html';
import { LEVELS, PLATFORMS } from '../types';
import type { Level, Platform } from '../types';
import type { AccountRow, Changes, Overview, RoundView, SiteRow, ViewDiagnostic, YamlPath } from '../../web/src/api-types';
import type { Computed, RoundState } from './state';
import { indexUnits, offsetOf, unitAt, unitId } from './units';
import { parseRound, roundLabel } from '../init';
import { isFill, placeWords, progressOf } from './progress';
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

export function overviewOf(model: ReportModel, paragraphs?: string[]): Overview {
  return {
    title: model.title,
    round: model.round.label,
    totals: model.totals,
    failingSites: model.failingSites.map((s) => ({ name: s.name, url: s.url, levelName: s.levelName, problems: s.problems })),
    failingAccounts: model.failingAccounts.map((a) => ({ name: a.name, owner: a.owner, platformLabel: a.platformLabel, levelName: a.levelName, failingMonths: a.failingMonths })),
    sentences: sentencesOf(model, paragraphs),
  };
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
    const at = hit ? unitAt(hit.index(), offsetOf(hit.file, d.line, d.col)) : { unitId: null, field: null, item: null };
    return {
      severity: d.severity,
      file: d.file,
      line: d.line,
      col: d.col,
      message: d.message,
      rule: d.rule ?? null,
      unitId: at.unitId,
      field: at.field,
      month: at.item,
      source,
      fill: isFill(d),
      place: placeWords(c, { unitId: at.unitId, field: at.field, month: at.item }, d.file),
    };
  };
  return [...c.diagnostics.map((d) => place(d, 'validate')), ...c.lint.map((d) => place(d, 'lint'))];
}

export interface ViewOptions {
  /** past this many units of a kind, list at most this many: edited ones, ones with a diagnostic, failing ones */
  unitLimit?: number;
  /** units to list whatever the limit (the ones just edited) */
  keep?: Set<string>;
}

/** The stand-in preview of a round that does not validate yet, once per version of the files. */
const provisionals = new WeakMap<Computed, Provisional | null>();
function provisionalOf(c: Computed): Provisional | null {
  if (!provisionals.has(c)) provisionals.set(c, provisional(c.loaded));
  return provisionals.get(c)!;
}

/** Title and quarter for the page's heading, from the notice as far as it is known. */
export function headingOf(c: Computed, model: ReportModel | null, name: string): RoundView['heading'] {
  if (model) return { title: model.title, round: model.round.label };
  const n = obj(c.loaded.data.notice);
  const q = typeof n.round === 'string' ? parseRound(n.round) : null;
  const round = q ? roundLabel(q) : '';
  return { title: typeof n.title === 'string' && n.title ? n.title : round ? `${round}检查情况通报` : name, round };
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
  // ones just edited, then ones with a diagnostic, then failing ones, up to the limit. Rows are
  // built only for the units listed.
  const limit = opts.unitLimit ?? 2000;
  const flagged = new Set(diagnostics.map((d) => d.unitId).filter((x): x is string => !!x));
  const keep = opts.keep ?? new Set<string>();
  const pick = <T extends { id: string }>(units: T[], failing: (u: T) => boolean): T[] => {
    if (units.length <= limit) return units;
    const rank = (u: T) => (keep.has(u.id) ? 0 : flagged.has(u.id) ? 1 : failing(u) ? 2 : 3);
    const chosen = units.filter((u) => rank(u) < 3);
    if (chosen.length > limit) chosen.sort((a, b) => rank(a) - rank(b));
    const shown = new Set(chosen.slice(0, limit));
    return units.filter((u) => shown.has(u)); // file order
  };

  const sitesData = obj(c.loaded.data.sites);
  const siteUnits: { id: string; level: Level; i: number; raw: Record<string, unknown> }[] = [];
  for (const level of LEVELS) arr(sitesData[level]).forEach((raw, i) => siteUnits.push({ id: unitId('sites.yaml', [level, i]), level, i, raw: obj(raw) }));
  const shownSiteUnits = pick(siteUnits, (u) => u.raw.result !== '合格');
  const sites: SiteRow[] = shownSiteUnits.map(({ id, level, i, raw: s }) => {
    const base: Path = [level, i];
    return {
      id,
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
  const accUnits: { id: string; platform: Platform; level: Level; i: number; raw: Record<string, unknown>; judged: string[] | null }[] = [];
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      const judged = c.validated?.round.accounts[platform][level];
      arr(obj(accData[platform])[level]).forEach((raw, i) =>
        accUnits.push({ id: unitId('accounts.yaml', [platform, level, i]), platform, level, i, raw: obj(raw), judged: judged?.[i] ? judged[i].results : null }),
      );
    }
  }
  const shownAccUnits = pick(accUnits, (u) => (u.judged ?? (Array.isArray(u.raw.results) ? u.raw.results : [])).some((r) => r !== '合格'));
  const accounts: AccountRow[] = shownAccUnits.map(({ id, platform, level, i, raw: a, judged }) => {
    const base: Path = [platform, level, i];
    return {
      id,
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
  const omitted = { sites: siteUnits.length - sites.length, accounts: accUnits.length - accounts.length };

  const errors = c.diagnostics.filter((d) => d.severity === 'error' && !isFill(d)).length;
  const toFill = c.diagnostics.filter(isFill).length;
  // before the data validates, the preview and totals come from a stand-in copy (provisional.ts)
  const early = model ? null : provisionalOf(c);
  const shownModel = model ?? early?.model ?? null;
  return {
    name: state.name,
    hashes: state.hashes(),
    ok: errors === 0 && toFill === 0 && !!model,
    errors,
    warnings: diagnostics.length - errors - toFill,
    overview: shownModel ? overviewOf(shownModel, early ? undefined : c.paragraphs) : null,
    months,
    sites,
    accounts,
    omitted,
    diagnostics,
    previewHtml: model ? renderNoticeHtml(model, c.blocks ? { blocks: c.blocks } : {}) : early ? markFills(renderNoticeHtml(early.model, { blocks: early.blocks }), early.errorUnits) : null,
    previewNotes: early ? early.notes : [],
    changes,
    heading: headingOf(c, shownModel, state.name),
    progress: progressOf(c, diagnostics),
    notice: c.loaded.data.notice && typeof c.loaded.data.notice === 'object' && !Array.isArray(c.loaded.data.notice) ? (c.loaded.data.notice as Record<string, unknown>) : null,
  };
}
