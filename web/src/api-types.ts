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
  changes: Changes | null;
}

export type VerifyState = 'ok' | 'changed' | 'missing' | null;

export interface RoundSummary {
  name: string;
  title: string;
  round: string;
  errors: number;
  warnings: number;
  lastBuild: string | null;
  verify: VerifyState;
}

/** GET /api/rounds */
export interface RoundsList {
  root: string;
  rounds: RoundSummary[];
  tools: { pdf: boolean; import: boolean };
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
}

export interface PackageRequest {
  pdf?: boolean;
}

export interface ImportRequest {
  filename: string;
  base64: string;
  apply: boolean;
}

/** any refusal: { error } plus, for some statuses, more */
export interface ErrorAnswer {
  error: string;
  file?: string;
  diagnostics?: ViewDiagnostic[];
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
