// From workbook rows to edits of the round's YAML. Rows are matched to units by identity —
// a site by its url (then its name), an account by name and platform (then, for a renamed
// one, by its owner among the accounts no other row of the sheet names) — never by position.
// Every problem is collected with its cell; nothing is decided by the first one.
import type { Edit } from '../edit';
import type { Level, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import { urlKey, urlProblem } from '../validate/rules';
import { closest } from '../validate/suggest';
import type { Aliases, Field, Kind } from './headers';
import { headingOf, monthOf, norm } from './headers';
import type { CellRead, SheetRead } from './workbook';
import { colName, decodeRef } from './workbook';

export interface ImportProblem {
  /** 附件2!F17 */
  at: string;
  message: string;
}

export interface ImportChange {
  at: string;
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
}

const RESULTS = ['合格', '不合格'];

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
        this.units.push({ kind: 'site', level, index, name: str(u.name), url: str(u.url), owner: '', result: u.result === null || u.result === undefined ? null : str(u.result), results: null, problems: arr(u.problems).map(str), hasProblems: Object.hasOwn(u, 'problems') });
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
          this.units.push({ kind: platform, level, index, name: str(u.name), url: '', owner: str(u.owner), result: null, results, problems: arr(u.problems).map(str), hasProblems: Object.hasOwn(u, 'problems') });
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
}

interface Row {
  number: number;
  cells: (CellRead | undefined)[];
  kind: Kind | 'account';
  level?: Level;
  cols: Columns;
}

interface Proposed {
  value: unknown;
  shown: string;
  at: string;
}

export interface Plan {
  problems: ImportProblem[];
  changes: ImportChange[];
  edits: Edit[];
  /** rows read as units, per sheet used */
  sheets: { name: string; rows: number }[];
  /** units of the round that no row named */
  untouched: number;
}

export class Planner {
  private readonly idx: Index;
  readonly problems: ImportProblem[] = [];
  private readonly proposed = new Map<number, Map<string, Proposed>>();
  private readonly sheetsUsed: { name: string; rows: number }[] = [];
  private readonly seen = new Set<number>();
  private suggestions = 0;
  private headersFound = 0;

  constructor(
    private readonly round: RoundInfo,
    private readonly aliases: Aliases,
  ) {
    this.idx = new Index(round);
  }

  private readonly sheetOrder = new Map<string, number>();
  private readonly order = new Map<ImportProblem, [number, number, number]>();

  private problem(sheet: string, ref: string, message: string): void {
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
    const monthProblems: [string, string][] = [];
    const dupes: [string, string][] = [];
    let known = 0;
    cells.forEach((c, col) => {
      if (!c || (!c.text.trim() && !c.date)) return;
      const f = this.aliases.fields.get(norm(c.text));
      if (f) {
        known++;
        if (fields.has(f)) dupes.push([`${colName(col)}${rowNo}`, `表头“${c.text.trim()}”与 ${colName(fields.get(f)!)}${rowNo} 是同一项，只能有一列`]);
        else fields.set(f, col);
        return;
      }
      const m = monthOf(this.aliases, c.text, c.date);
      if (!m) return;
      known++;
      const at = this.round.months.findIndex((ym) => Number(ym.slice(5)) === m.month && (m.year === null || Number(ym.slice(0, 4)) === m.year));
      const shown = c.date ? `${m.year}年${m.month}月` : c.text.trim();
      if (at < 0) monthProblems.push([`${colName(col)}${rowNo}`, `月份“${shown}”不在本轮检查月份（${this.round.months.join('、')}）之内`]);
      else if ([...months.values()].includes(at)) dupes.push([`${colName(col)}${rowNo}`, `月份“${shown}”重复：本轮的这个月已有一列`]);
      else months.set(col, at);
    });
    if (!(fields.has('name') || fields.has('url')) || known < 2) return null;
    for (const [ref, msg] of [...monthProblems, ...dupes]) this.problem(sheet, ref, msg);
    this.headersFound++;
    return { fields, months };
  }

  /** Read one sheet, row by row; rows are matched as they come, renamed ones at the end. */
  async sheet(s: SheetRead): Promise<void> {
    let cols: Columns | null = null;
    let context: { kind: Kind | 'account'; level: Level } | null = null;
    const headerRows: number[] = [];
    const pending: Row[] = [];
    const matchedHere = new Set<number>();
    let rows = 0;
    for await (const r of s.rows) {
      const texts: string[] = [];
      for (const c of r.cells) if (c && (c.text.trim() || c.problem)) texts.push(c.text.trim());
      if (!texts.length) continue;
      if (texts.every((t) => t === texts[0])) {
        const h = headingOf(this.aliases, texts[0]);
        if (h) {
          context = h;
          continue;
        }
        if (cols && norm(texts[0]) === this.aliases.emptyRow) continue;
      }
      // after the first header, only a row naming the name column's header can be another
      const known = cols as Columns | null;
      const nameCol: number | undefined = known?.fields.get('name') ?? known?.fields.get('url');
      const maybeHeader: boolean = !known || nameCol === undefined || this.aliases.fields.has(norm(r.cells[nameCol]?.text ?? ''));
      const hdr: Columns | null = maybeHeader ? this.header(s.name, r.number, r.cells) : null;
      if (hdr) {
        cols = hdr;
        headerRows.push(r.number);
        continue;
      }
      if (!cols) continue;
      const row = this.rowOf(s.name, r.number, r.cells, cols, context);
      if (!row) continue;
      rows++;
      const u = this.matchFirst(s.name, row, matchedHere);
      if (u === undefined) pending.push(row);
      else if (u >= 0) this.take(s.name, row, u, matchedHere);
    }
    for (const row of pending) {
      const u = this.matchRenamed(s.name, row, matchedHere);
      if (u !== undefined) this.take(s.name, row, u, matchedHere);
    }
    // merged cells are listed after the rows in the file
    for (const m of s.merges()) {
      const [a, b] = m.split(':').map(decodeRef);
      if (a.col === b.col && a.row === b.row) continue;
      for (const h of headerRows) {
        if (h >= a.row && h <= b.row) this.problem(s.name, `${colName(a.col)}${a.row}`, `表头是合并单元格（${m}）：请取消合并，每列只写一个表头`);
      }
    }
    if (rows) this.sheetsUsed.push({ name: s.name, rows });
  }

  private cell(row: { cells: (CellRead | undefined)[] }, cols: Columns, f: Field): CellRead | undefined {
    const c = cols.fields.get(f);
    return c === undefined ? undefined : row.cells[c];
  }

  private rowOf(sheet: string, number: number, cells: (CellRead | undefined)[], cols: Columns, context: { kind: Kind | 'account'; level: Level } | null): Row | null {
    const name = this.cell({ cells }, cols, 'name');
    const url = this.cell({ cells }, cols, 'url');
    if (!name?.text.trim() && !url?.text.trim() && !name?.problem && !url?.problem) return null;
    // a total or a note written under the table is not a unit
    if (!url?.text.trim() && /^(合计|总计|小计|共计)$|^(注|备注|说明)[:：]/.test(norm(name?.text ?? ''))) return null;
    // a cell that cannot be read is reported only where it matters
    let bad = false;
    const used: Field[] = ['name', 'url', 'owner', 'platform', 'level', 'result', 'failing', 'problems'];
    for (const f of used) {
      const col = cols.fields.get(f);
      const c = col === undefined ? undefined : cells[col];
      if (c?.problem) {
        this.problem(sheet, `${colName(col!)}${number}`, c.problem);
        bad = true;
      }
    }
    for (const col of cols.months.keys()) {
      const c = cells[col];
      if (c?.problem) {
        this.problem(sheet, `${colName(col)}${number}`, c.problem);
        bad = true;
      }
    }
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
    const l = this.cell({ cells }, cols, 'level');
    if (l?.text.trim()) {
      const lv = this.aliases.levels.get(norm(l.text));
      if (!lv) {
        this.problem(sheet, `${colName(cols.fields.get('level')!)}${number}`, `级别“${l.text.trim()}”认不出：应为${this.round.levelNames.department}或${this.round.levelNames.county}`);
        return null;
      }
      level = lv;
    }
    if (!kind) kind = cols.months.size ? 'account' : cols.fields.has('url') || cols.fields.has('result') ? 'site' : 'account';
    // values are checked whether or not the row's unit is found: all problems at once
    const resultCols = [...cols.months.keys(), ...(cols.fields.has('result') ? [cols.fields.get('result')!] : [])];
    for (const col of resultCols) {
      const v = cells[col]?.text.trim() ?? '';
      if (v && !RESULTS.includes(v)) this.problem(sheet, `${colName(col)}${number}`, `结果“${v}”无效：只能是“合格”或“不合格”`);
    }
    return { number, cells, kind, level, cols };
  }

  private describeRow(row: Row): string {
    const name = this.cell(row, row.cols, 'name')?.text.trim() ?? '';
    if (row.kind === 'site') return `网站“${name || this.cell(row, row.cols, 'url')?.text.trim()}”`;
    return `${row.kind === 'account' ? '账号' : this.round.platformNames[row.kind]}“${name}”`;
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
    const name = this.cell(row, row.cols, 'name')?.text.trim() ?? '';
    if (row.kind === 'site') {
      const url = this.cell(row, row.cols, 'url')?.text.trim() ?? '';
      let c = url ? this.pick(this.idx.siteByUrl.get(urlKey(url)) ?? [], row) : [];
      if (!c.length && name) c = this.pick(this.idx.siteByName.get(name) ?? [], row);
      if (c.length === 1) return c[0];
      if (c.length > 1) {
        this.problem(sheet, this.nameRef(row), `${this.describeRow(row)}对应多个网站（${c.map((i) => this.where(i)).join('、')}），无法确定是哪一个：请补上级别或网址`);
        return -1;
      }
      this.unknown(sheet, row, name, [...this.idx.siteByName.keys()]);
      return -1;
    }
    const c = name ? this.pick(this.idx.accByName.get(name) ?? [], row) : [];
    if (c.length === 1) {
      here.add(c[0]);
      return c[0];
    }
    if (c.length > 1) {
      this.problem(sheet, this.nameRef(row), `${this.describeRow(row)}对应多个账号（${c.map((i) => this.where(i)).join('、')}），无法确定是哪一个：请补上平台或级别`);
      return -1;
    }
    return undefined;
  }

  /** A renamed account: the one account with this owner (and platform) that no row of the sheet names. */
  private matchRenamed(sheet: string, row: Row, here: Set<number>): number | undefined {
    const name = this.cell(row, row.cols, 'name')?.text.trim() ?? '';
    const owner = this.cell(row, row.cols, 'owner')?.text.trim() ?? '';
    const c = owner ? this.pick(this.idx.accByOwner.get(owner) ?? [], row).filter((i) => !here.has(i)) : [];
    if (c.length === 1) {
      here.add(c[0]);
      return c[0];
    }
    if (c.length > 1) {
      this.problem(sheet, this.nameRef(row), `找不到${this.describeRow(row)}；主办单位“${owner}”还有 ${c.length} 个账号（${c.map((i) => `${this.where(i)}“${this.idx.units[i].name}”`).join('、')}）未在表中出现，无法确定是哪一个改了名`);
      return undefined;
    }
    const names = [...new Set(this.idx.units.filter((u) => u.kind !== 'site' && (row.kind === 'account' || u.kind === row.kind)).map((u) => u.name))];
    this.unknown(sheet, row, name, names);
    return undefined;
  }

  private unknown(sheet: string, row: Row, name: string, names: string[]): void {
    // suggestions cost a pass over every name: enough for a person to see the pattern
    const guess = this.suggestions++ < 100 && name ? closest(name, names) : null;
    const hint = guess ? `；是不是“${guess}”？` : '：新增单位请直接写入数据文件';
    this.problem(sheet, this.nameRef(row), `本轮数据中找不到${this.describeRow(row)}${hint}`);
  }

  private propose(sheet: string, unit: number, key: string, value: unknown, shown: string, ref: string): void {
    const at = sheetRef(sheet, ref);
    const m = this.proposed.get(unit) ?? new Map<string, Proposed>();
    const prev = m.get(key);
    if (prev && JSON.stringify(prev.value) !== JSON.stringify(value)) {
      this.problem(sheet, ref, `与 ${prev.at} 不一致（那里是“${prev.shown}”，这里是“${shown}”）：请只保留一处修改`);
      return;
    }
    if (!prev) m.set(key, { value, shown, at });
    this.proposed.set(unit, m);
  }

  private take(sheet: string, row: Row, ui: number, here: Set<number>): void {
    const u = this.idx.units[ui];
    here.add(ui);
    this.seen.add(ui);
    const ref = (f: Field) => `${colName(row.cols.fields.get(f)!)}${row.number}`;
    const text = (f: Field) => this.cell(row, row.cols, f)?.text.trim() ?? '';
    const name = text('name');
    if (name && name !== u.name) this.propose(sheet, ui, 'name', name, name, ref('name'));
    if (u.kind === 'site') {
      const url = text('url');
      // a trailing slash or letter case is the same address; another scheme (http → https) is a correction
      const scheme = (x: string) => x.trim().toLowerCase().split(':')[0];
      if (url && (urlKey(url) !== urlKey(u.url) || scheme(url) !== scheme(u.url))) {
        const p = urlProblem(url);
        if (p) this.problem(sheet, ref('url'), `网址“${url}”格式不对：${p}`);
        else this.propose(sheet, ui, 'url', url, url, ref('url'));
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
      if (result && RESULTS.includes(result) && result !== u.result) this.propose(sheet, ui, 'result', result, result, resultRef);
    } else {
      const owner = text('owner');
      if (owner && owner !== u.owner) this.propose(sheet, ui, 'owner', owner, owner, ref('owner'));
      for (const [col, k] of row.cols.months) {
        const v = row.cells[col]?.text.trim() ?? '';
        if (!v) continue;
        const at = `${colName(col)}${row.number}`;
        if (!RESULTS.includes(v)) continue; // reported with the row
        if (!u.results) {
          this.problem(sheet, at, `“${u.name}”的各月结果按发布日期（updates）判定，不能从表格导入`);
          continue;
        }
        if (v !== u.results[k]) this.propose(sheet, ui, `m${k}`, v, v, at);
      }
    }
    if (row.cols.fields.has('problems')) {
      const c = this.cell(row, row.cols, 'problems');
      const list = (c?.text ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.length !== u.problems.length || list.some((x, k) => x !== u.problems[k])) this.propose(sheet, ui, 'problems', list, list.join('；') || '（无）', ref('problems'));
    }
  }

  finish(): Plan {
    if (!this.headersFound) this.problems.push({ at: '', message: '工作簿中没有认得的表头：需要有一行列名，至少包括“名称”（或“网址”）和结果、月份、主办单位等中的一项' });
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
        let old: string;
        let field: string;
        if (key.startsWith('m')) {
          const k = Number(key.slice(1));
          old = u.results?.[k] ?? '（待填写）';
          field = this.round.monthColumn(Number(this.round.months[k].slice(5)));
          edits.push({ op: 'set', file, path: [...base, 'results', k], value: p.value });
        } else if (key === 'problems') {
          old = u.problems.join('；') || '（无）';
          field = '问题曝光情况';
          const list = p.value as string[];
          if (list.length) edits.push({ op: 'set', file, path: [...base, 'problems'], value: list });
          else if (u.hasProblems) edits.push({ op: 'delete', file, path: [...base, 'problems'] });
        } else {
          const labels: Record<string, string> = { name: '名称', url: '网址', owner: '主办单位', result: '结果' };
          field = labels[key];
          old = key === 'result' ? (u.result ?? '（待填写）') : String((u as unknown as Record<string, unknown>)[key] ?? '');
          edits.push({ op: 'set', file, path: [...base, key], value: p.value });
          if (key === 'name' && u.kind !== 'site') renamed.push({ platform: u.kind, old: u.name, new: p.value as string });
        }
        changes.push({ at: p.at, area, unit: u.name, field, old, new: p.shown });
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
    return { problems: this.sortedProblems(), changes, edits, sheets: this.sheetsUsed, untouched };
  }
}
