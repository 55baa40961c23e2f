// The HTTP API's request and response shapes (docs/serve.md), shared by the server (src/serve,
// `import type`) and the page (web/src): the compiler holds both sides to one definition, so
// the page and the API cannot drift. Types only: nothing here exists at run time.

export type YamlPath = (string | number)[];
export type DataFileName = 'notice.yaml' | 'sites.yaml' | 'accounts.yaml';
export type LevelKey = 'department' | 'county';
export type PlatformKey = 'weibo' | 'wechat';

export interface SiteRow {
  id: string;
  file: 'sites.yaml';
  group: LevelKey;
  level: LevelKey;
  groupName: string;
  index: number;
  name: string;
  url: string;
  result: string;
  problems: string[];
  paths: { name: YamlPath; url: YamlPath; result: YamlPath; problems: YamlPath };
}

export interface AccountRow {
  id: string;
  file: 'accounts.yaml';
  platform: PlatformKey;
  platformName: string;
  group: LevelKey;
  level: LevelKey;
  groupName: string;
  index: number;
  name: string;
  owner: string;
  service: boolean;
  results: string[] | null;
  judged: string[] | null;
  problems: string[];
  paths: { name: YamlPath; owner: YamlPath; results: YamlPath[]; problems: YamlPath };
}

export type UnitRow = SiteRow | AccountRow;

export interface ViewDiagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  message: string;
  rule: string | null;
  unitId: string | null;
  field: string | null;
  /** the item of a list field: the month of `results`, the entry of `problems` */
  month: number | null;
  source: 'validate' | 'lint';
  /** a value still to fill in (还需填写), not a mistake */
  fill: boolean;
  /** where, as a clerk says it: 州直部门政务微博“黔东南发布” · 8月结果 */
  place: string;
}

/** A place in the data to jump to: a unit's field (and month), or a field of the notice (unitId null). */
export interface JumpTarget {
  unitId: string | null;
  field: string | null;
  month: number | null;
}

/** What is left to fill, grouped and counted (还需填写：网站结果 50 项，…). */
export interface Progress {
  /** result boxes (a site's result, an account's month) filled, of all */
  results: { filled: number; total: number };
  /** values still to fill, all groups together */
  toFill: number;
  groups: { key: 'notice' | 'sites' | 'accounts'; label: string; count: number; first: JumpTarget }[];
}

export interface Totals {
  sites: { total: number; department: number; county: number; failing: number };
  accounts: { total: number; department: number; county: number; failing: number; byPlatform: Record<PlatformKey, Record<LevelKey, number>> };
}

export interface Overview {
  title: string;
  round: string;
  totals: Totals;
  failingSites: { name: string; url: string; levelName: string; problems: string[] }[];
  failingAccounts: { name: string; owner: string; platformLabel: string; levelName: string; failingMonths: string[] }[];
  /** failing units left out of the lists above in a large round (GET …/overview lists them all) */
  omitted: { failingSites: number; failingAccounts: number };
  sentences: string[];
}

export interface Changes {
  /** the data differs from what the last build was made from */
  sinceBuild: boolean;
  /** the notice would say something different (a build is needed, not only 只更新附件) */
  noticeChanges: boolean;
  lines: string[];
}

/** GET /api/rounds/:name, and the answer to an edit */
export interface RoundView {
  name: string;
  hashes: Partial<Record<string, string>>;
  ok: boolean;
  errors: number;
  warnings: number;
  overview: Overview | null;
  months: { key: string; label: string }[];
  sites: SiteRow[];
  accounts: AccountRow[];
  /** units left out of sites/accounts in a large round (GET …/units searches them all) */
  omitted: { sites: number; accounts: number };
  diagnostics: ViewDiagnostic[];
  previewHtml: string | null;
  /** a fingerprint of previewHtml: an edit that sends it back (EditRequest.preview) is answered
   *  without the HTML when the preview stays the same (previewUnchanged) */
  previewKey: string | null;
  /** the answer to an edit: previewHtml is left out (null) because it is the one the page sent the key of */
  previewUnchanged?: boolean;
  /** the preview stands in for values still to fill or leaves out units with errors: said above it */
  previewNotes: string[];
  changes: Changes | null;
  /** the round's heading, also before the notice can be made */
  heading: { title: string; round: string };
  progress: Progress;
  /** notice.yaml as data (the notice form's values) */
  notice: Record<string, unknown> | null;
}

export type VerifyState = 'ok' | 'changed' | 'missing' | null;

export interface RoundSummary {
  name: string;
  title: string;
  round: string;
  errors: number;
  warnings: number;
  /** values still to fill (not counted in errors) */
  toFill: number;
  lastBuild: string | null;
  verify: VerifyState;
  /** the quarter after this one (YYYY-Qn), proposed by 新建一季度; null when the round's quarter is unknown */
  next: string | null;
}

/** GET /api/rounds */
export interface RoundsList {
  root: string;
  rounds: RoundSummary[];
  tools: { pdf: boolean; import: boolean };
}

/** GET /api/rounds/:name/overview: the overview with every failing unit listed (null: no figures yet) */
export interface OverviewAnswer {
  overview: Overview | null;
}

/** GET /api/rounds/:name/units */
export interface UnitsFound {
  sites: SiteRow[];
  accounts: AccountRow[];
}

export interface FileEntry {
  path: string;
  name: string;
  size: number;
  sha256: string | null;
  role: string | null;
}

/** GET /api/rounds/:name/files */
export interface FilesAnswer {
  outDir: string;
  outputs: FileEntry[];
  history: { n: number; files: FileEntry[] }[];
  bundles: FileEntry[];
}

export type EditOp =
  | { op: 'set'; file: DataFileName; path: YamlPath; value: unknown }
  | { op: 'delete'; file: DataFileName; path: YamlPath }
  | { op: 'insert'; file: DataFileName; path: YamlPath; value: unknown; index?: number };

/** POST /api/rounds/:name/edit */
export interface EditRequest {
  hashes: Partial<Record<string, string>>;
  edits: EditOp[];
  /** what the edit does in the page's words (shown in the data history), optional */
  label?: string;
  /** the previewKey of the preview the page shows: when the preview is still that one, the answer leaves its HTML out */
  preview?: string;
}

/** POST …/build, …/annexes, …/package, …/import */
export interface ActionAnswer {
  ok: boolean;
  message: string;
  /** files written, relative to the output folder (data files for an import) */
  files: string[];
  diagnostics: ViewDiagnostic[];
  /** the annexes guard: what the notice would say differently; an import: what changes */
  changes?: string[];
  /** an import: changes from rows not matched by exact identity (a new name or address, matched
   *  by 主办单位) — listed apart and written only when the clerk confirms them (rename: true) */
  renames?: string[];
}

export interface PackageRequest {
  pdf?: boolean;
}

export interface ImportRequest {
  filename: string;
  base64: string;
  apply: boolean;
  /** the clerk confirmed the renames listed in the preview (tongbao import --rename) */
  rename?: boolean;
}

/** any refusal: { error } plus, for some statuses, more */
export interface ErrorAnswer {
  error: string;
  file?: string;
  diagnostics?: ViewDiagnostic[];
}

/** POST /api/init: 新建一季度 from an existing round (the same as `tongbao init`) */
export interface InitRequest {
  /** the round folder to start from */
  from: string;
  /** the new quarter, YYYY-Qn */
  quarter: string;
  /** the new round folder's name in DATA_ROOT */
  name: string;
}

export interface InitAnswer {
  ok: boolean;
  name: string;
  message: string;
}

/** One saved version of a round's data: the files as they were before edit `n` */
export interface DataVersion {
  n: number;
  /** when it was saved (the edit that replaced it), ISO */
  time: string;
  files: string[];
  /** what that edit changed, in a clerk's words (at most a few lines) */
  summary: string[];
  /** lines left out of summary */
  more: number;
  /** what the edit was, when this server made it: the page's own words (“8月改为不合格”), else null */
  label: string | null;
  /** where the edit came from, when this server made it: 网页, 从 Excel 导入, 恢复; null: elsewhere (command line, an editor) */
  source: string | null;
}

/** GET /api/rounds/:name/history */
export interface HistoryAnswer {
  versions: DataVersion[];
  /** how the round began, when it says so (a round made by 新建一季度 / tongbao init names its source round) */
  origin: string | null;
}

/** GET /api/rounds/:name/history/:n: that version against the files now */
export interface VersionDiff {
  n: number;
  lines: string[];
}

/** POST /api/rounds/:name/restore: put version n's files back (itself an edit, kept in history) */
export interface RestoreRequest {
  n: number;
  hashes: Partial<Record<string, string>>;
}

/** GET/POST …/rectify: the round's failing units and what they reported back (rectify.yaml) */
export interface RectifyItemView {
  /** identity of the item (a site by address, an account by name + platform) */
  key: string;
  unit: string;
  name: string;
  /** 政府网站 / 政务微博 / 政务微信 */
  kind: string;
  problems: string;
  reported: string | null;
  summary: string | null;
  review: '合格' | '不合格' | '未复查';
  reviewed: string | null;
  status: 'on-time' | 'late' | 'missing';
}

export interface RectifyAnswer {
  deadline: string;
  /** rectify.yaml's SHA-256 as read (null: no file yet); sent back with a change */
  hash: string | null;
  items: RectifyItemView[];
  counts: { items: number; onTime: number; late: number; missing: number; passed: number; failed: number; notReviewed: number };
}

export interface RectifyChange {
  key: string;
  reported: string | null;
  summary: string | null;
  review: '合格' | '不合格' | '未复查';
  reviewed: string | null;
}

export interface RectifyRequest {
  hash: string | null;
  changes: RectifyChange[];
}
