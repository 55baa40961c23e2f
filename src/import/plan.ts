// From workbook rows to edits of the round's YAML. Rows are matched to units by identity —
// a site by its url (then its name), an account by name and platform (then, for a renamed
// one, by its owner among the accounts no other row of the sheet names) — never by position.
// A row whose match is not exact identity (a new name, a new url, found by its owner) is a
// rename: its changes are listed apart and written only when confirmed (--rename).
// Every problem is collected with its cell; nothing is decided by the first one.
import type { Edit } from '../edit';
import type { Level, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import { urlKey, urlProblem } from '../validate/rules';
import { closest, editDistance } from '../validate/suggest';
import type { Aliases, Field, Kind, SheetKindSpec } from './headers';
import { headingOf, monthOf, norm } from './headers';
import type { CellRead, RowRead, SheetRead } from './workbook';
import { colName, decodeRef } from './workbook';

export interface ImportProblem {
  /** 附件2!F17 */
  at: string;
  message: string;
}

export interface ImportChange {
  at: string;
  /** part of a rename (the row was not matched by exact identity): written only when confirmed */
  confirm: boolean;
  /** how the row was matched: 按网址 / 按名称 / 按主办单位 */
  matchedBy: string;
  /** 州直部门政务微博 */
  area: string;
  unit: string;
  field: string;
  old: string;
  new: string;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

interface Unit {
  kind: Kind;
  level: Level;
  index: number;
  name: string;
  url: string;
  owner: string;
  result: string | null;
  results: (string | null)[] | null;
  problems: string[];
  hasProblems: boolean;
  /** an account whose months are judged from its update dates (`updates`) */
  byUpdates: boolean;
  /** what the build judged for it; null when the data does not allow judging now */
  judged: Judged | null;
}

/** An account's months as judged from its update dates, as the build prints them. */
export interface Judged {
  /** per month of the round */
  results: string[];
  /** per month, the reasons a failing month failed (the annex's 问题曝光情况 carries them) */
  reasons: string[][];
}

export interface RoundInfo {
  notice: Raw;
  sites: Raw;
  accounts: Raw;
  levelNames: Record<Level, string>;
  platformNames: Record<Platform, string>;
  /** YYYY-MM of the round, in column order */
  months: string[];
  monthColumn: (month: number) => string;
  /** an account's judged months when it gives update dates (null when they cannot be judged now) */
  judged?: (platform: Platform, level: Level, index: number) => Judged | null;
}

const RESULTS = ['合格', '不合格'];
/** characters that take no room on screen: a value holding one is not the value the person sees (the joiners U+200C/U+200D, part of emoji, are not among them) */
const INVISIBLE = /[\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** two texts equal only after NFKC: what the person sees is the same (or differs in width only) */
const LOOKALIKE = '只差在外观相同而编码不同的字（兼容汉字、部首字，或全角、半角字符，常见于从 PDF 复制的文字）';

/** A tab inside the value: within the text as trimmed, or within any of its lines (问题, one a line). */
function hasTab(text: string, byLine: boolean): boolean {
  if (!text.includes('\t')) return false;
  return byLine ? text.split(/\r?\n/).some((l) => l.trim().includes('\t')) : text.trim().includes('\t');
}

/** Quote a sheet name as Excel does when it needs it ('My sheet'!A1). */
export function sheetRef(sheet: string, ref: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(sheet) ? `${sheet}!${ref}` : `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

class Index {
  readonly units: Unit[] = [];
  readonly siteByUrl = new Map<string, number[]>();
  readonly siteByName = new Map<string, number[]>();
  readonly accByName = new Map<string, number[]>();
  readonly accByOwner = new Map<string, number[]>();

  constructor(r: RoundInfo) {
    const push = (m: Map<string, number[]>, k: string, i: number) => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    for (const level of LEVELS) {
      arr(r.sites[level]).forEach((raw, index) => {
        const u = obj(raw);
        const i = this.units.length;
        this.units.push({ kind: 'site', level, index, name: str(u.name), url: str(u.url), owner: '', result: u.result === null || u.result === undefined ? null : str(u.result), results: null, problems: arr(u.problems).map(str), hasProblems: Object.hasOwn(u, 'problems'), byUpdates: false, judged: null });
        if (str(u.url)) push(this.siteByUrl, urlKey(str(u.url)), i);
        push(this.siteByName, str(u.name), i);
      });
    }
    for (const platform of PLATFORMS) {
      for (const level of LEVELS) {
        arr(obj(r.accounts[platform])[level]).forEach((raw, index) => {
          const u = obj(raw);
          const i = this.units.length;
          const results = Array.isArray(u.results) ? u.results.map((x) => (x === null || x === undefined ? null : str(x))) : null;
          const byUpdates = Array.isArray(u.updates);
          const judged = byUpdates ? (r.judged?.(platform, level, index) ?? null) : null;
          this.units.push({ kind: platform, level, index, name: str(u.name), url: '', owner: str(u.owner), result: null, results, problems: arr(u.problems).map(str), hasProblems: Object.hasOwn(u, 'problems'), byUpdates, judged });
          push(this.accByName, str(u.name), i);
          push(this.accByOwner, str(u.owner), i);
        });
      }
    }
  }
}

interface Columns {
  fields: Map<Field, number>;
  /** column number → index into the round's months */
  months: Map<number, number>;
  /** header row */
  row: number;
  /** columns with any header */
  headed: Set<number>;
  /** header texts by normalised form, for the kind of sheet */
  texts: Map<number, string>;
}

interface Row {
  number: number;
  cells: (CellRead | undefined)[];
  kind: Kind | 'account';
  level?: Level;
  cols: Columns;
  /** the name as matched: without a platform suffix such as （政务微信） */
  name: string;
  /** how the row was matched (set when matched) */
  matchedBy?: 'url' | 'name' | 'owner';
  /** the row is hidden (by hand or by a filter) */
  hidden?: boolean;
}

interface Proposed {
  value: unknown;
  shown: string;
  at: string;
  confirm: boolean;
  matchedBy: string;
}

/** What a sheet block's rows are when no heading or platform column says it per row. */
interface Assumed {
  kind: 'site' | 'account';
  /** why, for the person: 表头“新媒体名称”；前 3 行中 3 个名称是本轮的账号 */
  why: string;
}

/** Problems kept (all are counted); the CLI shows fewer. */
export const PROBLEMS_KEPT = 2000;
/** Data rows looked at to decide a sheet's kind from its values. */
const SAMPLE_ROWS = 20;

export interface Plan {
  problems: ImportProblem[];
  /** problems found beyond those kept */
  moreProblems: number;
  /** columns read on purpose by no one (ignore in import-headers.yaml): 表一!E1“备注” */
  ignored: string[];
  /** sheets not read, with why */
  skipped: string[];
  changes: ImportChange[];
  edits: Edit[];
  /** rows read as units, per sheet used, and what they were read as */
  sheets: { name: string; rows: number; how: string }[];
  /** units of the round that no row named */
  untouched: number;
}

export class Planner {
  private readonly idx: Index;
  readonly problems: ImportProblem[] = [];
  private moreProblems = 0;
  private readonly proposed = new Map<number, Map<string, Proposed>>();
  private readonly sheetsUsed: { name: string; rows: number; how: string }[] = [];
  private readonly skipped: string[] = [];
  private readonly ignored: string[] = [];
  private readonly seen = new Set<number>();
  private suggestions = 0;
  /** the sheet being read is a hidden tab */
  private sheetHidden = false;
  private headersFound = 0;
  private accountNames: string[] | null = null;

  constructor(
    private readonly round: RoundInfo,
    private readonly aliases: Aliases,
  ) {
    this.idx = new Index(round);
  }

  private readonly sheetOrder = new Map<string, number>();
  private readonly order = new Map<ImportProblem, [number, number, number]>();

  /** cells with a problem said (sheet, then ref): one problem per cell, the first one (the most specific is said first) */
  private readonly cellsSaid = new Set<string>();

  private problem(sheet: string, ref: string, message: string): void {
    // (the cells are remembered with the problems kept: a million rows of errors are only counted)
    if (ref && this.problems.length < PROBLEMS_KEPT) {
      const key = `${sheet}\u0000${ref}`;
      if (this.cellsSaid.has(key)) return;
      this.cellsSaid.add(key);
    }
    if (this.problems.length >= PROBLEMS_KEPT) {
      this.moreProblems++;
      return;
    }
    const p = { at: sheetRef(sheet, ref), message };
    if (!this.sheetOrder.has(sheet)) this.sheetOrder.set(sheet, this.sheetOrder.size);
    const { row, col } = decodeRef(ref);
    this.order.set(p, [this.sheetOrder.get(sheet)!, row, col]);
    this.problems.push(p);
  }

  /** Problems in reading order: sheet, row, column. */
  private sortedProblems(): ImportProblem[] {
    const key = (p: ImportProblem) => this.order.get(p) ?? [Infinity, 0, 0];
    return [...this.problems].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }

  /** A header row: which field each column holds, and which month. Null when not a header. */
  private header(sheet: string, rowNo: number, cells: (CellRead | undefined)[]): Columns | null {
    const fields = new Map<Field, number>();
    const months = new Map<number, number>();
    const later: [string, string][] = [];
    const unknown: [number, string][] = [];
    const ignored: [number, string][] = [];
    const headed = new Set<number>();
    const texts = new Map<number, string>();
    let known = 0;
    cells.forEach((c, col) => {
      if (!c || (!c.text.trim() && !c.date)) return;
      headed.add(col);
      texts.set(col, c.date ? '' : c.text.trim());
      const f = this.aliases.fields.get(norm(c.text));
      if (f) {
        known++;
        if (fields.has(f)) later.push([`${colName(col)}${rowNo}`, `表头“${c.text.trim()}”与 ${colName(fields.get(f)!)}${rowNo} 是同一项，只能有一列`]);
        else fields.set(f, col);
        return;
      }
      const m = monthOf(this.aliases, c.text, c.date);
      if (!m) {
        // (2024年第一季度结果: the previous-result column naming an older quarter)
        if (this.aliases.ignore.has(norm(c.text)) || /^\d{4}年第[一二三四]季度结果$/.test(norm(c.text))) ignored.push([col, c.text.trim()]);
        else unknown.push([col, c.text.trim()]);
        return;
      }
      known++;
      const at = this.round.months.findIndex((ym) => Number(ym.slice(5)) === m.month && (m.year === null || Number(ym.slice(0, 4)) === m.year));
      const shown = c.date ? `${m.year}年${m.month}月` : c.text.trim();
      if (at < 0) later.push([`${colName(col)}${rowNo}`, `月份“${shown}”不在本轮检查月份（${this.round.months.join('、')}）之内`]);
      else if ([...months.values()].includes(at)) later.push([`${colName(col)}${rowNo}`, `月份“${shown}”重复：本轮的这个月已有一列`]);
      else months.set(col, at);
    });
    if (!(fields.has('name') || fields.has('url')) || known < 2) return null;
    for (const [ref, msg] of later) this.problem(sheet, ref, msg);
    // a column nobody reads is said, never skipped in silence
    for (const [col, text] of unknown) {
      // a header shown otherwise than read (8 shown as 8月 by 0"月"): why, not the text read
      const why = cells[col]?.problem;
      const near = nearest(text, this.aliases.known);
      this.problem(sheet, `${colName(col)}${rowNo}`, why ?? `表头“${text}”认不出，这一列不会导入（最接近的认得的列名是“${near}”）：请改成认得的列名（见 templates/import-headers.yaml），不导入的列请删去`);
    }
    for (const [col, text] of ignored) this.ignored.push(`${sheetRef(sheet, `${colName(col)}${rowNo}`)}“${text}”`);
    this.headersFound++;
    return { fields, months, row: rowNo, headed, texts };
  }

  /** Read one sheet, row by row; rows are matched as they come, renamed ones at the end. */
  async sheet(s: SheetRead): Promise<void> {
    let cols: Columns | null = null;
    let context: { kind: Kind | 'account'; level: Level } | null = null;
    let assumed: Assumed | null = null;
    /** the kind of the current block was decided (or found undecidable, said once) */
    let decided = false;
    const hows = new Set<string>();
    let sample: RowRead[] = [];
    const headerRows: number[] = [];
    const pending: Row[] = [];
    const matchedHere = new Set<number>();
    /** data rows, as runs [first, last], and the columns read, for the merged-cell check */
    const dataRuns: [number, number][] = [];
    const usedCols = new Set<number>();
    const unheaded = new Set<number>();
    let rows = 0;
    this.sheetHidden = !!s.hidden;
    const take = (r: RowRead, c: Columns) => {
      const row = this.rowOf(s.name, r.number, r.cells, c, context, assumed, unheaded);
      if (!row) return;
      if (r.hidden) row.hidden = true;
      rows++;
      const last = dataRuns[dataRuns.length - 1];
      if (last && last[1] === r.number - 1) last[1] = r.number;
      else dataRuns.push([r.number, r.number]);
      const u = this.matchFirst(s.name, row, matchedHere);
      if (u === undefined) {
        // only a row whose owner runs an account can be a rename: the others are said now
        if (this.renameCandidates(row).length) pending.push(row);
        else this.unknownAccount(s.name, row);
      } else if (u >= 0) this.take(s.name, row, u, matchedHere);
    };
    const decideSample = () => {
      if (!cols || decided || context || cols.fields.has('platform')) return;
      decided = true;
      assumed = this.decideKind(s.name, cols, sample);
      if (assumed) hows.add(`按${this.kindSpec(assumed.kind).label}读取：${assumed.why}`);
      const rowsNow = sample;
      sample = [];
      if (assumed) for (const r of rowsNow) take(r, cols);
    };
    for await (const r of s.rows) {
      const texts: string[] = [];
      for (const c of r.cells) if (c && (c.text.trim() || c.problem)) texts.push(c.text.trim());
      if (!texts.length) continue;
      if (texts.every((t) => t === texts[0])) {
        const h = headingOf(this.aliases, texts[0]);
        if (h) {
          decideSample();
          context = h;
          hows.add('按附件的分组标题读取');
          continue;
        }
        if (cols && norm(texts[0]) === this.aliases.emptyRow) continue;
      }
      // after the first header, only a row naming the name column's header can be another
      const known = cols as Columns | null;
      const nameCol: number | undefined = known?.fields.get('name') ?? known?.fields.get('url');
      // (headers are short: a long name is not normalised to be compared)
      const nameText = nameCol === undefined ? '' : (r.cells[nameCol]?.text ?? '');
      const maybeHeader: boolean = !known || nameCol === undefined || (nameText.length <= 24 && this.aliases.fields.has(norm(nameText)));
      const hdr: Columns | null = maybeHeader ? this.header(s.name, r.number, r.cells) : null;
      if (hdr) {
        decideSample();
        cols = hdr;
        assumed = null;
        decided = false;
        unheaded.clear();
        headerRows.push(r.number);
        for (const c of [...hdr.fields.entries()].filter(([f]) => f !== 'seq').map(([, c]) => c)) usedCols.add(c);
        for (const c of hdr.months.keys()) usedCols.add(c);
        if (hdr.fields.has('platform') && !context) hows.add('按“平台”列读取');
        continue;
      }
      if (!cols) continue;
      if (!context && !cols.fields.has('platform')) {
        if (!decided) {
          sample.push(r);
          if (sample.length >= SAMPLE_ROWS) decideSample();
          continue;
        }
        // a block whose kind could not be told was said once: its rows are not guessed at
        if (!assumed) continue;
      }
      take(r, cols);
    }
    decideSample();
    for (const row of pending) {
      const u = this.matchRenamed(s.name, row, matchedHere);
      if (u !== undefined) this.take(s.name, row, u, matchedHere);
    }
    // merged cells are listed after the rows in the file
    for (const m of s.merges()) {
      if (!/^[A-Z]+\d+:[A-Z]+\d+$/.test(m)) continue;
      const [a, b] = m.split(':').map(decodeRef);
      if (a.col === b.col && a.row === b.row) continue;
      let onHeader = false;
      for (const h of headerRows) {
        if (h >= a.row && h <= b.row) {
          onHeader = true;
          this.problem(s.name, `${colName(a.col)}${a.row}`, `表头是合并单元格（${m}）：请取消合并，每列只写一个表头`);
        }
      }
      if (onHeader) continue;
      // a value merged over cells that are read: only its first cell holds it
      const overData = dataRuns.some(([x, y]) => x <= b.row && y >= a.row);
      let used = 0;
      for (let c = a.col; c <= b.col; c++) if (usedCols.has(c)) used += b.row - a.row + 1;
      // any cell read other than the top-left one is hidden under it (A2:B2 over a name in B2)
      if (overData && used - (usedCols.has(a.col) ? 1 : 0) >= 1) {
        const tl = `${colName(a.col)}${a.row}`;
        if (usedCols.has(a.col)) this.problem(s.name, tl, `合并单元格 ${m} 覆盖了要导入的 ${used} 个格子，值只在 ${tl}，其余会被看作空的：请取消合并，在每一格填写`);
        else this.problem(s.name, tl, `合并单元格 ${m} 盖住了要导入的 ${used} 个格子，Excel 中只显示 ${tl} 的值，看不到被盖住的格子里的值：请取消合并，在每一格填写`);
      }
    }
    if (rows) this.sheetsUsed.push({ name: s.name, rows, how: [...hows].join('；') });
    else if (!cols) this.skipped.push(`${s.name}（没有认得的表头）`);
  }

  private kindSpec(id: 'site' | 'account'): SheetKindSpec {
    return this.aliases.sheetKinds.find((k) => k.id === id)!;
  }

  /**
   * What a block of rows is, from its headers and the names in its first rows: the names are
   * the stronger evidence (they are this round's sites or accounts), the headers decide when
   * the names do not. Null (and a problem at the name's header) when nothing decides.
   */
  private decideKind(sheet: string, cols: Columns, sample: RowRead[]): Assumed | null {
    // per kind of sheet (templates/import-headers.yaml kinds): the headers that say it, and
    // how many names of the first rows are this round's units of that kind
    const ev = this.aliases.sheetKinds.map((spec) => {
      const said: string[] = [];
      for (const t of cols.texts.values()) if (t && spec.headers.has(norm(t))) said.push(`“${t}”`);
      const firstMonth = [...cols.months.keys()][0];
      if (spec.months && firstMonth !== undefined) said.push(`“${cols.texts.get(firstMonth) || '月份'}”等月份`);
      return { spec, said, names: 0 };
    });
    let n = 0;
    for (const r of sample) {
      const name = this.stripPlatform(this.cellText(r.cells, cols, 'name')).name;
      const url = this.cellText(r.cells, cols, 'url');
      if (!name && !url) continue;
      n++;
      for (const e of ev) if (this.isUnitOf(e.spec.id, name, url)) e.names++;
    }
    const pick = (e: (typeof ev)[number]): Assumed => {
      const unit = e.spec.id === 'site' ? '网站' : e.spec.id === 'account' ? '账号' : e.spec.label;
      const parts = [e.said.length ? `表头${e.said.join('、')}` : '', e.names ? `前 ${n} 行中 ${e.names} 个名称是本轮的${unit}` : ''].filter(Boolean);
      return { kind: e.spec.id, why: parts.join('；') };
    };
    /** the one entry that beats all others on `score`, if there is one */
    const best = (score: (e: (typeof ev)[number]) => number) => {
      const sorted = [...ev].sort((x, y) => score(y) - score(x));
      return sorted.length && score(sorted[0]) > 0 && (sorted.length === 1 || score(sorted[0]) > score(sorted[1])) ? sorted[0] : null;
    };
    // the names are the stronger evidence when only one kind has them; then the headers; then the most names
    const onlyNames = ev.filter((e) => e.names > 0);
    const chosen = (onlyNames.length === 1 ? onlyNames[0] : null) ?? best((e) => e.said.length) ?? best((e) => e.names);
    if (chosen) return pick(chosen);
    if (!sample.length) return null;
    const c = cols.fields.get('name') ?? cols.fields.get('url')!;
    this.problem(sheet, `${colName(c)}${cols.row}`, '无法判断这张表列的是网站还是政务新媒体账号：请加一列“平台”（政府网站、政务微博或政务微信），或把名称列的表头写作“网站名称”或“账号名称”');
    return null;
  }

  /** Is this name (or url) one of the round's units of this kind of sheet. */
  private isUnitOf(kind: SheetKindSpec['id'], name: string, url: string): boolean {
    if (kind === 'site') return (!!url && this.idx.siteByUrl.has(urlKey(url))) || this.idx.siteByName.has(name);
    if (kind === 'account') return this.idx.accByName.has(name);
    return false;
  }

  private cellText(cells: (CellRead | undefined)[], cols: Columns, f: Field): string {
    const c = cols.fields.get(f);
    return c === undefined ? '' : (cells[c]?.text.trim() ?? '');
  }

  /** 黔东南州自然资源局（政务微信） → the name and the platform it names; a name of the round is kept whole. */
  private stripPlatform(full: string): { name: string; hint?: Kind; suffix?: string } {
    const m = /\s*[（(]([^（）()]+)[）)]$/.exec(full);
    if (!m || this.idx.accByName.has(full) || this.idx.siteByName.has(full)) return { name: full };
    const hint = this.aliases.kinds.get(norm(m[1]));
    return hint ? { name: full.slice(0, m.index).trim(), hint, suffix: m[0].trim() } : { name: full };
  }

  private cell(row: { cells: (CellRead | undefined)[] }, cols: Columns, f: Field): CellRead | undefined {
    const c = cols.fields.get(f);
    return c === undefined ? undefined : row.cells[c];
  }

  private rowOf(sheet: string, number: number, cells: (CellRead | undefined)[], cols: Columns, context: { kind: Kind | 'account'; level: Level } | null, assumed: Assumed | null, unheaded: Set<number>): Row | null {
    const name = this.cell({ cells }, cols, 'name');
    const url = this.cell({ cells }, cols, 'url');
    const TOTAL = /^(合计|总计|小计|共计)$|^(注|备注|说明)[:：]/;
    if (!name?.text.trim() && !url?.text.trim() && !name?.problem && !url?.problem) {
      // values with no name (nor url) to say whose they are are said, never dropped in silence
      // (a name emptied, or hidden under a cell merged over it); a total or a note row is not a unit
      const valued = [...(['owner', 'result', 'failing', 'problems'] as Field[]).map((f) => cols.fields.get(f)), ...cols.months.keys()].filter((c): c is number => c !== undefined && !!(cells[c]?.text.trim() || cells[c]?.problem));
      if (valued.length && !cells.some((c) => c && TOTAL.test(norm(c.text)))) {
        const c = cols.fields.get('name') ?? cols.fields.get('url')!;
        this.problem(sheet, `${colName(c)}${number}`, `这一行没有${cols.fields.has('name') ? '名称' : '网址'}，其中的值（${colName(valued[0])}${number}“${(cells[valued[0]]?.text.trim() ?? '').slice(0, 20)}”）不会导入：请填写${cols.fields.has('name') ? '名称' : '网址'}，或删去这一行`);
      }
      return null;
    }
    // a total or a note written under the table is not a unit
    if (!url?.text.trim() && TOTAL.test(norm(name?.text ?? ''))) return null;
    // a value under no header is read by no one: said once per column
    cells.forEach((c, col) => {
      if (!c || cols.headed.has(col) || unheaded.has(col) || !(c.text.trim() || c.problem)) return;
      unheaded.add(col);
      this.problem(sheet, `${colName(col)}${number}`, `这一列没有表头，其中的值（“${c.text.trim().slice(0, 20)}”）不会导入：请在第 ${cols.row} 行补上表头，或删去这一列`);
    });
    // a cell that cannot be read is reported only where it matters; so is a date, which no
    // value here is (Excel shows it as its format says: 2023/12/5, not the 2023-12-05 read)
    let bad = false;
    const used: Field[] = ['name', 'url', 'owner', 'platform', 'level', 'result', 'failing', 'problems'];
    // and a line break (Alt+Enter) in a value of one line: Excel shows two lines, or one run
    // together, never the value as it would be written
    const LABELS: Record<string, string> = { name: '名称', url: '网址', owner: '主办单位', platform: '平台', level: '级别', result: '结果', failing: '是否不合格' };
    const check = (col: number, f?: Field) => {
      const c = cells[col];
      const why =
        c?.problem ??
        (c?.date ? `这一格是日期（读作 ${c.text}），Excel 按日期格式显示，看到的与读到的不一定相同，不能导入：请把这一格设为“文本”格式，再照看到的内容重新输入` : undefined) ??
        (f !== 'problems' && c && /[\r\n]/.test(c.text.trim()) ? `这一格中有换行（Alt+Enter），${LABELS[f ?? 'result']}只能写一行，不能导入：请删去换行` : undefined) ??
        // a tab inside a value (one at either end is blank space, trimmed like spaces): Excel
        // shows none, so the value read is not the one seen; in 问题 it would be a gap in the notice
        (c && hasTab(c.text, f === 'problems')
          ? f === 'problems'
            ? '这一格的文字中有制表符（Tab，常见于从网页或文本文件复制的文字），Excel 中看不出来，写进通报会成为一段空白，不能导入：请删去制表符（需要分隔处改用标点）'
            : `这一格中有制表符（Tab，常见于从网页或文本文件复制的文字），Excel 中看不出来，${LABELS[f ?? 'result']}中不能有，不能导入：请删去制表符`
          : undefined) ??
        (c && INVISIBLE.test(c.text) ? `这一格中有看不见的字符（${[...new Set(c.text.match(new RegExp(INVISIBLE.source, 'g')))].map((x) => `U+${x.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('、')}，如零宽空格、软连字符、文字方向控制符，常见于从网页复制的文字），Excel 中看不出来，不能导入：请删去这一格的内容后重新输入` : undefined);
      if (why) {
        this.problem(sheet, `${colName(col)}${number}`, why);
        bad = true;
      }
    };
    for (const f of used) {
      const col = cols.fields.get(f);
      if (col !== undefined) check(col, f);
    }
    for (const col of cols.months.keys()) check(col);
    if (bad) return null;
    let kind: Kind | 'account' | undefined = context?.kind;
    let level: Level | undefined = context?.level;
    const p = this.cell({ cells }, cols, 'platform');
    if (p?.text.trim()) {
      const k = this.aliases.kinds.get(norm(p.text));
      if (!k) {
        this.problem(sheet, `${colName(cols.fields.get('platform')!)}${number}`, `平台“${p.text.trim()}”认不出：应为政府网站、政务微博或政务微信`);
        return null;
      }
      kind = k;
    }
    const full = name?.text.trim() ?? '';
    const stripped = this.stripPlatform(full);
    if (stripped.hint) {
      // the platform written after the name is a hint; it must agree with what else says it
      const other = kind && kind !== 'account' ? kind : undefined;
      if (other && other !== stripped.hint) {
        const said = p?.text.trim() ? `平台“${p.text.trim()}”` : '所在分组';
        this.problem(sheet, `${colName(cols.fields.get('name')!)}${number}`, `名称后的“${stripped.suffix}”与${said}不一致：请核对是哪个平台的账号`);
        return null;
      }
      kind = stripped.hint;
    }
    const l = this.cell({ cells }, cols, 'level');
    if (l?.text.trim()) {
      const lv = this.aliases.levels.get(norm(l.text));
      if (!lv) {
        this.problem(sheet, `${colName(cols.fields.get('level')!)}${number}`, `级别“${l.text.trim()}”认不出：应为${this.round.levelNames.department}或${this.round.levelNames.county}`);
        return null;
      }
      level = lv;
    }
    if (!kind) kind = assumed?.kind ?? (cols.months.size ? 'account' : cols.fields.has('url') || cols.fields.has('result') ? 'site' : 'account');
    // a value of a kind that has no such thing is not dropped in silence; it is the one error
    // said at its cell (whatever the value, it cannot be taken there)
    const said = new Set<number>();
    if (kind === 'site') {
      for (const col of cols.months.keys()) {
        if (!cells[col]?.text.trim()) continue;
        said.add(col);
        this.problem(sheet, `${colName(col)}${number}`, `网站没有各月结果，这一格（${cols.texts.get(col) || '月份'}）不能导入：网站的结果请写在“结果”列`);
      }
    } else if (cols.fields.has('result') && cells[cols.fields.get('result')!]?.text.trim()) {
      const col = cols.fields.get('result')!;
      said.add(col);
      this.problem(sheet, `${colName(col)}${number}`, `账号的结果按月份记，“${cols.texts.get(col)}”一列不能导入账号的结果：请按月份分列（如“${this.round.monthColumn(Number((this.round.months[this.round.months.length - 1] ?? '0000-10').slice(5)))}”）`);
    }
    // values are checked whether or not the row's unit is found: all problems at once
    const resultCols = [...cols.months.keys(), ...(cols.fields.has('result') ? [cols.fields.get('result')!] : [])];
    for (const col of resultCols) {
      const v = cells[col]?.text.trim() ?? '';
      if (v && !RESULTS.includes(v) && !said.has(col)) this.problem(sheet, `${colName(col)}${number}`, RESULTS.includes(v.normalize('NFKC')) ? `结果“${v}”与“${v.normalize('NFKC')}”${LOOKALIKE}，不能导入：请重新输入“${v.normalize('NFKC')}”` : `结果“${v}”无效：只能是“合格”或“不合格”`);
    }
    return { number, cells, kind, level, cols, name: stripped.name };
  }

  /** 区（县）政务微博“西县发布” */
  private unitName(i: number): string {
    return `${this.where(i)}“${this.idx.units[i].name}”`;
  }

  /** 2月, or 2023年12月 when the round's months span two years */
  private monthName(k: number): string {
    const ym = this.round.months[k];
    const years = new Set(this.round.months.map((m) => m.slice(0, 4)));
    return years.size > 1 ? `${Number(ym.slice(0, 4))}年${Number(ym.slice(5))}月` : `${Number(ym.slice(5))}月`;
  }

  private describeRow(row: Row): string {
    if (row.kind === 'site') return `网站“${row.name || this.cell(row, row.cols, 'url')?.text.trim()}”`;
    return `${row.kind === 'account' ? '账号' : this.round.platformNames[row.kind]}“${row.name}”`;
  }

  private nameRef(row: Row): string {
    const c = row.cols.fields.get('name') ?? row.cols.fields.get('url')!;
    return `${colName(c)}${row.number}`;
  }

  private pick(candidates: number[], row: Row): number[] {
    if (candidates.length === 1 && (row.kind === 'account' || this.idx.units[candidates[0]].kind === row.kind)) return candidates;
    let c = candidates.filter((i) => row.kind === 'account' || this.idx.units[i].kind === row.kind);
    if (c.length > 1 && row.level) c = c.filter((i) => this.idx.units[i].level === row.level);
    return c;
  }

  private where(i: number): string {
    const u = this.idx.units[i];
    return `${this.round.levelNames[u.level]}${u.kind === 'site' ? '网站' : this.round.platformNames[u.kind]}`;
  }

  /** By url or name: the unit's number; undefined to try again by owner; -1 when reported. */
  private matchFirst(sheet: string, row: Row, here: Set<number>): number | undefined {
    const name = row.name;
    if (row.kind === 'site') {
      const url = this.cell(row, row.cols, 'url')?.text.trim() ?? '';
      let c = url ? this.pick(this.idx.siteByUrl.get(urlKey(url)) ?? [], row) : [];
      row.matchedBy = 'url';
      if (!c.length && name) {
        c = this.pick(this.idx.siteByName.get(name) ?? [], row);
        row.matchedBy = 'name';
      }
      if (c.length === 1) return c[0];
      if (c.length > 1) {
        this.problem(sheet, this.nameRef(row), `${this.describeRow(row)}对应多个网站（${c.map((i) => this.where(i)).join('、')}），无法确定是哪一个：请补上级别或网址`);
        return -1;
      }
      this.unknown(sheet, row, name, () => [...this.idx.siteByName.keys()]);
      return -1;
    }
    const c = name ? this.pick(this.idx.accByName.get(name) ?? [], row) : [];
    if (c.length === 1) {
      here.add(c[0]);
      row.matchedBy = 'name';
      return c[0];
    }
    if (c.length > 1) {
      this.problem(sheet, this.nameRef(row), `${this.describeRow(row)}对应多个账号（${c.map((i) => this.where(i)).join('、')}），无法确定是哪一个：请补上平台或级别`);
      return -1;
    }
    return undefined;
  }

  private renameCandidates(row: Row): number[] {
    const owner = this.cell(row, row.cols, 'owner')?.text.trim() ?? '';
    return owner ? this.pick(this.idx.accByOwner.get(owner) ?? [], row) : [];
  }

  /** A renamed account: the one account with this owner (and platform) that no row of the sheet names. */
  private matchRenamed(sheet: string, row: Row, here: Set<number>): number | undefined {
    const owner = this.cell(row, row.cols, 'owner')?.text.trim() ?? '';
    const c = this.renameCandidates(row).filter((i) => !here.has(i));
    if (c.length === 1) {
      here.add(c[0]);
      row.matchedBy = 'owner';
      return c[0];
    }
    if (c.length > 1) {
      this.problem(sheet, this.nameRef(row), `找不到${this.describeRow(row)}；主办单位“${owner}”还有 ${c.length} 个账号（${c.map((i) => `${this.where(i)}“${this.idx.units[i].name}”`).join('、')}）未在表中出现，无法确定是哪一个改了名`);
      return undefined;
    }
    this.unknownAccount(sheet, row);
    return undefined;
  }

  private unknownAccount(sheet: string, row: Row): void {
    this.unknown(sheet, row, row.name, () => {
      if (!this.accountNames) this.accountNames = [...new Set(this.idx.units.filter((u) => u.kind !== 'site').map((u) => u.name))];
      return row.kind === 'account' ? this.accountNames : [...new Set(this.idx.units.filter((u) => u.kind === row.kind).map((u) => u.name))];
    });
  }

  private unknown(sheet: string, row: Row, name: string, names: () => string[]): void {
    // suggestions cost a pass over every name: enough for a person to see the pattern
    const guess = this.suggestions++ < 100 && name ? closest(name, names()) : null;
    const hint = guess && guess.normalize('NFKC') === name.normalize('NFKC') ? `；数据中的“${guess}”与它${LOOKALIKE}：请照数据中的名称重新输入` : guess ? `；是不是“${guess}”？` : '：新增单位请直接写入数据文件';
    this.problem(sheet, this.nameRef(row), `本轮数据中找不到${this.describeRow(row)}${hint}`);
  }

  private propose(sheet: string, unit: number, key: string, value: unknown, shown: string, ref: string, confirm: boolean, matchedBy: string): void {
    const at = sheetRef(sheet, ref);
    const m = this.proposed.get(unit) ?? new Map<string, Proposed>();
    const prev = m.get(key);
    if (prev && JSON.stringify(prev.value) !== JSON.stringify(value)) {
      this.problem(sheet, ref, `与 ${prev.at} 不一致（那里是“${prev.shown}”，这里是“${shown}”）：请只保留一处修改`);
      return;
    }
    if (!prev) m.set(key, { value, shown, at, confirm, matchedBy });
    else if (!confirm) prev.confirm = false;
    this.proposed.set(unit, m);
  }

  private take(sheet: string, row: Row, ui: number, here: Set<number>): void {
    const u = this.idx.units[ui];
    here.add(ui);
    this.seen.add(ui);
    const ref = (f: Field) => `${colName(row.cols.fields.get(f)!)}${row.number}`;
    const text = (f: Field) => this.cell(row, row.cols, f)?.text.trim() ?? '';
    const name = row.name;
    // a new name or a new url is a change of identity: the whole row waits for confirmation
    // (a trailing slash or letter case is the same address; another scheme, http → https, is a
    // correction of the same address; another address is another identity)
    const scheme = (x: string) => x.trim().toLowerCase().split(':')[0];
    const url = u.kind === 'site' ? text('url') : '';
    const urlChanged = !!url && (urlKey(url) !== urlKey(u.url) || scheme(url) !== scheme(u.url));
    const confirm = (!!name && name !== u.name) || (!!url && urlKey(url) !== urlKey(u.url)) || row.matchedBy === 'owner';
    const by = { url: '按网址对应', name: '按名称对应', owner: '按主办单位对应' }[row.matchedBy ?? 'name'];
    const propose = (key: string, value: unknown, shown: string, at: string) => {
      // a change the person cannot see in Excel is said, never taken
      const col = decodeRef(at).col;
      const unseen = this.sheetHidden ? `所在的工作表“${sheet}”被隐藏` : row.hidden ? `所在的第 ${row.number} 行被隐藏或被筛选掉` : row.cells[col]?.hidden ? `所在的 ${colName(col)} 列被隐藏` : '';
      if (unseen) {
        const fix = this.sheetHidden ? '取消隐藏这张工作表' : row.hidden ? '取消隐藏这一行（或清除筛选）' : '取消隐藏这一列';
        this.problem(sheet, at, `这一格${unseen}，在 Excel 中看不到，其中的“${shown.length > 30 ? `${shown.slice(0, 30)}…` : shown}”与数据不同，不会导入：请${fix}，核对后再导入`);
        return;
      }
      this.propose(sheet, ui, key, value, shown, at, confirm, by);
    };
    if (name && name !== u.name && name.normalize('NFKC') === u.name.normalize('NFKC')) {
      // not a rename the person could see: the same name in other code points
      this.problem(sheet, ref('name'), `名称“${name}”与数据中的“${u.name}”${LOOKALIKE}，不是改名，不能导入：请照数据中的名称重新输入`);
      return;
    }
    if (name && name !== u.name) propose('name', name, name, ref('name'));
    if (u.kind === 'site') {
      if (urlChanged) {
        const p = urlProblem(url);
        if (p) this.problem(sheet, ref('url'), `网址“${url}”格式不对：${p}`);
        else propose('url', url, url, ref('url'));
      }
      let result = text('result');
      let resultRef = row.cols.fields.has('result') ? ref('result') : '';
      if (!result && row.cols.fields.has('failing') && text('failing')) {
        const f = norm(text('failing'));
        resultRef = ref('failing');
        if (f === this.aliases.yes) result = '不合格';
        else if (f === this.aliases.no) result = '合格';
        else {
          this.problem(sheet, resultRef, `“${text('failing')}”无效：是否不合格只能填“是”或“否”`);
          return;
        }
      }
      if (result && RESULTS.includes(result) && result !== u.result) propose('result', result, result, resultRef);
    } else {
      const owner = text('owner');
      if (owner && owner !== u.owner && owner.normalize('NFKC') === u.owner.normalize('NFKC')) this.problem(sheet, ref('owner'), `主办单位“${owner}”与数据中的“${u.owner}”${LOOKALIKE}，不能导入：请照数据中的主办单位重新输入`);
      else if (owner && owner !== u.owner) propose('owner', owner, owner, ref('owner'));
      for (const [col, k] of row.cols.months) {
        const v = row.cells[col]?.text.trim() ?? '';
        if (!v) continue;
        const at = `${colName(col)}${row.number}`;
        if (!RESULTS.includes(v)) continue; // reported with the row
        if (u.byUpdates) {
          // the month is the calendar rules' verdict on the update dates: a cell that says the
          // same is no change; one that says otherwise cannot be taken (nor dropped in silence)
          const month = this.monthName(k);
          if (!u.judged) this.problem(sheet, at, `${this.unitName(ui)}${month}的结果按更新日期（updates）判定，数据现有错误，无法判定，不能核对这一格：请先按 tongbao check 改正数据，再导入`);
          else if (v !== u.judged.results[k]) {
            this.problem(
              sheet,
              at,
              `${this.unitName(ui)}${month}的结果按更新日期（updates）计算为“${u.judged.results[k]}”，表格中改为“${v}”不能导入：要改这个月的结果，请改数据 accounts.yaml 中这个账号的更新日期（updates），不要改表格；这一格请恢复为“${u.judged.results[k]}”`,
            );
          }
          continue;
        }
        if (!u.results) {
          this.problem(sheet, at, `${this.unitName(ui)}在数据中既没有各月结果（results）也没有更新日期（updates），不能从表格导入${this.monthName(k)}的结果：请先在 accounts.yaml 中为它写上 results 或 updates`);
          continue;
        }
        if (v !== u.results[k]) propose(`m${k}`, v, v, at);
      }
      if (row.cols.fields.has('failing') && text('failing')) this.checkFailing(sheet, row, ui, ref('failing'), text('failing'));
    }
    if (row.cols.fields.has('problems')) {
      const c = this.cell(row, row.cols, 'problems');
      let list = (c?.text ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      const same = (l: string[]) => l.length === u.problems.length && l.every((x, k) => x === u.problems[k]);
      if (u.byUpdates && !same(list)) {
        // the build prints the reasons a judged month failed after the account's own problems:
        // they are computed, never the clerk's text, and are not written into the data
        if (!u.judged) {
          this.problem(sheet, ref('problems'), `${this.unitName(ui)}的结果按更新日期（updates）判定，数据现有错误，无法判定，分不出这一格中哪些是按更新日期生成的说明：请先按 tongbao check 改正数据，再导入`);
          return;
        }
        list = withoutGenerated(list, u.judged.reasons.flat());
      }
      if (!same(list)) propose('problems', list, list.join('；') || '（无）', ref('problems'));
    }
  }

  /**
   * An account's 是否不合格 (the 数据 sheet): the build writes 是 when any month is 不合格. It is
   * computed, never imported: a cell that says the same as the months (the row's month cells
   * as written, the data's where the row has none) is no change; one that says otherwise is an
   * error at the cell, never dropped in silence.
   */
  private checkFailing(sheet: string, row: Row, ui: number, at: string, written: string): void {
    const u = this.idx.units[ui];
    const f = norm(written);
    if (f !== this.aliases.yes && f !== this.aliases.no) {
      this.problem(sheet, at, `“${written}”无效：是否不合格只能填“是”或“否”`);
      return;
    }
    const months: (string | null)[] = this.round.months.map((_, k) => (u.byUpdates ? (u.judged?.results[k] ?? null) : (u.results?.[k] ?? null)));
    for (const [col, k] of row.cols.months) {
      const v = row.cells[col]?.text.trim() ?? '';
      // a month cell that cannot be read is said at that cell: 是否不合格 is not checked against it
      if (v && !RESULTS.includes(v)) return;
      if (v) months[k] = v;
    }
    const failing = months.includes('不合格');
    // months still to fill (or not judged now) and none failing: what they will give is not known
    if (!failing && months.some((m) => m === null)) return;
    if (failing === (f === this.aliases.yes)) return;
    const shown = failing ? '是' : '否';
    const which = this.round.months.map((_, k) => `${this.monthName(k)}${months[k] ?? '（待填写）'}`).join('、');
    const cols = [...row.cols.months.keys()].sort((a, b) => a - b);
    const cells = cols.length ? `这一行 ${colName(cols[0])}${row.number}${cols.length > 1 ? `～${colName(cols[cols.length - 1])}${row.number}` : ''} 的各月结果` : '附件2 中这个账号的各月结果';
    this.problem(
      sheet,
      at,
      `${this.unitName(ui)}的是否不合格由各月结果计算（有一个月不合格即为“是”）：${which}，应为“${shown}”，这一格是“${written}”，不能导入：要改这个账号的结果，请改${cells}，不要改这一格；这一格请恢复为“${shown}”`,
    );
  }

  /** The plan; changes that need confirmation become edits only with `renames` (--rename). */
  finish(renames = false): Plan {
    if (!this.headersFound && !this.problems.length) this.problems.push({ at: '', message: '工作簿中没有认得的表头：需要有一行列名，至少包括“名称”（或“网址”）和结果、月份、主办单位等中的一项' });
    const changes: ImportChange[] = [];
    const edits: Edit[] = [];
    const renamed: { platform: Platform; old: string; new: string }[] = [];
    const order = [...this.proposed.keys()].sort((a, b) => a - b);
    for (const ui of order) {
      const u = this.idx.units[ui];
      const area = this.where(ui);
      const file = u.kind === 'site' ? 'sites.yaml' : 'accounts.yaml';
      const base = u.kind === 'site' ? [u.level, u.index] : [u.kind, u.level, u.index];
      for (const [key, p] of this.proposed.get(ui)!) {
        const out: Edit[] = [];
        let old: string;
        let field: string;
        if (key.startsWith('m')) {
          const k = Number(key.slice(1));
          old = u.results?.[k] ?? '（待填写）';
          field = this.round.monthColumn(Number(this.round.months[k].slice(5)));
          out.push({ op: 'set', file, path: [...base, 'results', k], value: p.value });
        } else if (key === 'problems') {
          old = u.problems.join('；') || '（无）';
          field = '问题曝光情况';
          const list = p.value as string[];
          if (list.length) out.push({ op: 'set', file, path: [...base, 'problems'], value: list });
          else if (u.hasProblems) out.push({ op: 'delete', file, path: [...base, 'problems'] });
        } else {
          const labels: Record<string, string> = { name: '名称', url: '网址', owner: '主办单位', result: '结果' };
          field = labels[key];
          old = key === 'result' ? (u.result ?? '（待填写）') : String((u as unknown as Record<string, unknown>)[key] ?? '');
          out.push({ op: 'set', file, path: [...base, key], value: p.value });
          if (key === 'name' && u.kind !== 'site' && (!p.confirm || renames)) renamed.push({ platform: u.kind, old: u.name, new: p.value as string });
        }
        if (!p.confirm || renames) edits.push(...out);
        changes.push({ at: p.at, area, unit: u.name, field, old, new: p.shown, confirm: p.confirm, matchedBy: p.matchedBy });
      }
    }
    // failing_order names accounts: a renamed one is renamed there too
    const fo = arr(this.round.notice.failing_order);
    for (const r of renamed) {
      const suffix = `（${this.round.platformNames[r.platform]}）`;
      const i = fo.indexOf(`${r.old}${suffix}`);
      if (i >= 0) edits.push({ op: 'set', file: 'notice.yaml', path: ['failing_order', i], value: `${r.new}${suffix}` });
    }
    // units of the kinds the workbook lists (sites, accounts) that no row named
    const listed = new Set([...this.seen].map((i) => this.idx.units[i].kind === 'site'));
    const untouched = this.idx.units.filter((u, i) => listed.has(u.kind === 'site') && !this.seen.has(i)).length;
    return { problems: this.sortedProblems(), moreProblems: this.moreProblems, ignored: this.ignored, skipped: this.skipped, changes, edits, sheets: this.sheetsUsed, untouched };
  }
}

/**
 * A judged account's 问题曝光情况 without the reasons the build generated: as printed they
 * follow the account's own problems; a line moved or left out by the clerk is taken out
 * wherever it is (each generated line once, the last occurrence, so that a problem of the
 * clerk's that reads the same as a reason stays).
 */
export function withoutGenerated(lines: string[], generated: string[]): string[] {
  if (!generated.length) return lines;
  const n = generated.length;
  if (lines.length >= n && generated.every((g, k) => lines[lines.length - n + k] === g)) return lines.slice(0, lines.length - n);
  const out = [...lines];
  for (const g of generated) {
    const at = out.lastIndexOf(g);
    if (at >= 0) out.splice(at, 1);
  }
  return out;
}

/** The closest of the candidates, however far (for naming a header that is not understood). */
function nearest(word: string, candidates: string[]): string {
  let best = candidates[0] ?? '';
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(norm(word), norm(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
