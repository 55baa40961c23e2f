// What a correction changed in the annexes, row by row as the reader sees them
// ("附件1 县（市）网站 序号 13（榕江县）：网址 http://a → http://b"), read from the printed
// sheet of the workbooks before and after (so it holds for every size of round, and for the
// 上季度结果 column); and the 更正记录 file that `annexes` adds each such correction to.
import JSZip from 'jszip';
import { rowChanges } from '../render/annex-rows';

export const CORRECTIONS_FILE = '更正记录.txt';

/** The printed sheet of an annex workbook: label, title, then header, group and data rows. */
export interface PrintedSheet {
  label: string;
  header: string[];
  groups: { title: string; rows: string[][] }[];
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

const colIndex = (ref: string) => {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
};

/**
 * The first sheet of an annex workbook as tongbao writes it (inline strings, numbers as
 * values). Undefined when the file is not such a workbook (then nothing can be compared).
 */
export async function readPrintedSheet(xlsx: Buffer): Promise<PrintedSheet | undefined> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(xlsx)).file('xl/worksheets/sheet1.xml')?.async('string');
  } catch {
    return undefined;
  }
  if (!xml) return undefined;
  const rows: string[][] = [];
  for (const r of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>|<row\b[^>]*\/>/g)) {
    const cells: string[] = [];
    for (const c of (r[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const inner = c[2] ?? '';
      let text = '';
      const ts = [...inner.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)];
      if (ts.length) text = ts.map((t) => unescape(t[1])).join('');
      else text = unescape(/<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? '');
      cells[colIndex(c[1])] = text;
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  if (rows.length < 3) return undefined;
  const sheet: PrintedSheet = { label: rows[0][0] ?? '', header: [], groups: [] };
  for (const r of rows.slice(2)) {
    const last = sheet.groups[sheet.groups.length - 1];
    if (r.slice(1).every((x) => x === '')) {
      // merged across: a group heading, or the 无 row of a group without rows (it follows the
      // heading, or the heading and its header, before any row)
      if (last && last.rows.length === 0) last.rows.push([r[0] ?? '']);
      else sheet.groups.push({ title: r[0] ?? '', rows: [] });
      continue;
    }
    if (!sheet.header.length || r.join('\t') === sheet.header.join('\t')) {
      sheet.header = r;
      continue;
    }
    if (!last) sheet.groups.push({ title: '', rows: [r] });
    else last.rows.push(r);
  }
  return sheet;
}

/** One corrected row, named as the reader sees it. */
export interface Correction {
  /** 附件1 县（市）网站 序号 13（榕江县） */
  where: string;
  /** 网址 http://a → http://b；or 新增 / 删去 with the row */
  change: string;
}

const cellText = (s: string) => (s === '' ? '（空）' : s.replace(/\r?\n/g, '；'));

function rowName(label: string, group: string, row: string[]): string {
  const seq = /^\d+$/.test(row[0] ?? '') ? ` 序号 ${row[0]}` : '';
  // 附件2（一）州直部门政务微博更新情况, as the notice titles it; 附件1 县（市）政府网站
  const sep = group.startsWith('（') ? '' : ' ';
  return `${label}${group ? `${sep}${group}` : ''}${seq}（${row[1] ?? ''}）`;
}

/**
 * The corrected rows between two printed sheets of the same annex: groups matched by title
 * (or by position when a title changed), rows aligned on the rows both keep (序号 aside).
 */
export function sheetCorrections(before: PrintedSheet, after: PrintedSheet): Correction[] {
  const out: Correction[] = [];
  const label = after.label || before.label;
  const heads = after.header;
  const byTitle = new Map(before.groups.map((g) => [g.title, g]));
  after.groups.forEach((g, k) => {
    const o = byTitle.get(g.title) ?? (before.groups.length === after.groups.length ? before.groups[k] : undefined);
    // the 无 row of an empty group is not a unit: a group's first row is added, not a 无 corrected
    const units = (rows: string[][]) => rows.filter((r) => r.length > 1);
    const old = o ? units(o.rows) : [];
    const tab = (r: string[]) => r.join('\t');
    for (const c of rowChanges(old.map(tab), units(g.rows).map(tab))) {
      if (c.before === undefined) {
        const r = c.after!.split('\t');
        out.push({ where: rowName(label, g.title, r), change: `新增：${r.slice(1).map(cellText).join(' ')}` });
      } else if (c.after === undefined) {
        const r = c.before.split('\t');
        out.push({ where: rowName(label, g.title, r), change: `删去：${r.slice(1).map(cellText).join(' ')}` });
      } else {
        const [a, b] = [c.before.split('\t'), c.after.split('\t')];
        const cells: string[] = [];
        for (let i = 1; i < Math.max(a.length, b.length); i++) {
          if ((a[i] ?? '') !== (b[i] ?? '')) cells.push(`${heads[i] ?? `第 ${i + 1} 列`} ${cellText(a[i] ?? '')} → ${cellText(b[i] ?? '')}`);
        }
        if (cells.length) out.push({ where: rowName(label, g.title, a), change: cells.join('，') });
      }
    }
  });
  return out;
}

/** 2026年12月6日 for an ISO date. */
export function dateText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The date a correction is recorded under: today's local date, or TONGBAO_TODAY (YYYY-MM-DD)
 * when set (tests; or a clerk recording a correction made on another day). Only the
 * 更正记录 carries it: the notice, workbooks and manifest stay the same bytes whatever the day.
 */
export function correctionDate(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.TONGBAO_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface CorrectionEntry {
  date: string;
  /** the run's number among the corrections of this 正文 (from 1) */
  number: number;
  corrections: Correction[];
  /** annexes whose earlier file could not be compared (altered or missing): named, not listed */
  unknown: string[];
  /** annexes whose earlier file was altered, compared instead with the notice's 附件 pages */
  fromNotice?: string[];
}

/** The 更正记录 text with one more entry: the header once, then the entries in date order.
 *  UTF-8 with a BOM and CRLF line ends, so Notepad on any Windows shows it as written. */
export function appendCorrections(existing: string | null, head: { title: string; since: string }, e: CorrectionEntry): string {
  const lines: string[] = [];
  if (existing === null) {
    lines.push(
      '更正记录',
      `通报：《${head.title}》`,
      `通报正文自首次生成（所用数据指纹 ${head.since.slice(0, 16)}）以来未改动。以下是此后对附件的更正，按日期先后排列，每行一处：更正的行，原内容 → 新内容。`,
    );
  }
  const n = e.corrections.length;
  const unlisted = e.unknown.join('、');
  const count = e.unknown.length ? (n ? `附件已更正 ${n} 处，另有${unlisted}的更正未能逐行列出` : `${unlisted}已更正，未能逐行列出`) : `附件已更正 ${n} 处`;
  lines.push('', `${dateText(e.date)}　第 ${e.number} 次更正：${count}，正文未变`);
  for (const c of e.corrections) lines.push(`${c.where}：${c.change}`);
  for (const a of e.fromNotice ?? []) lines.push(`（${a}更正前的文件已被手工改动，以上${a}各处按通报附件页上印的上一版表格比较）`);
  for (const u of e.unknown) lines.push(`${u}：更正前的文件已被手工改动或缺失，通报附件页上也没有可比较的表格，未能逐行列出`);
  const text = lines.join('\r\n') + '\r\n';
  return existing === null ? '\uFEFF' + text : existing + text;
}
