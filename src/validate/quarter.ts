// A round folder is usually started by copying last quarter's: these rules catch what the copy
// left stale. The round (YYYY-Qn) is the anchor; the title, the months, the inspection dates
// and the 成文日期 must fit it (README, 数据 section, states the rule for users):
//   - a title, when given, names the round's year and quarter (2024年第一季度);
//   - every inspected month lies from 3 months before the quarter's first month to the quarter's
//     last month (2024-Q1: 2023-10 … 2024-03), and none after the month inspection starts;
//   - inspection starts no earlier than the first day of the last inspected month;
//   - the 成文日期 lies in the quarter or the one after it.
// 成文日期 not before the end of inspection is dateOrder's (rules.ts).
import type { DataPath, SourceFile } from '../load/yaml-file';
import { isRealDate } from './schema';

type Raw = Record<string, unknown>;
type Report = (file: SourceFile, path: DataPath, message: string, part?: 'key' | 'value', offset?: number) => void;

const CN_QUARTER = ['一', '二', '三', '四'];

export interface Quarter {
  year: number;
  quarter: number;
  /** 2024年第一季度 */
  label: string;
  /** months as year*12 + (month-1) */
  first: number;
  last: number;
}

export function quarterOf(round: unknown): Quarter | null {
  const m = typeof round === 'string' ? round.match(/^(\d{4})-Q([1-4])$/) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = Number(m[2]);
  const first = year * 12 + (quarter - 1) * 3;
  return { year, quarter, label: `${year}年第${CN_QUARTER[quarter - 1]}季度`, first, last: first + 2 };
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const ymOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const firstDay = (i: number) => `${ymOf(i)}-01`;
function lastDay(i: number): string {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${ymOf(i)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

const YM = /^\d{4}-(0[1-9]|1[0-2])$/;
const date = (v: unknown): string | undefined => (typeof v === 'string' && isRealDate(v) ? v : undefined);
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});

/** Every "YYYY年（第）N季度" a text names, with where it starts. */
export function quartersNamed(text: string): { at: number; text: string; year: number; quarter: number }[] {
  const out: { at: number; text: string; year: number; quarter: number }[] = [];
  for (const m of text.matchAll(/(\d{4})\s*年度?\s*(?:第\s*)?([一二三四1-4])\s*季度/g)) {
    const q = /\d/.test(m[2]) ? Number(m[2]) : CN_QUARTER.indexOf(m[2]) + 1;
    out.push({ at: m.index!, text: m[0], year: Number(m[1]), quarter: q });
  }
  return out;
}

export function quarterRules(notice: { file: SourceFile; data: Raw }, report: Report): void {
  const n = notice.data;
  const q = quarterOf(n.round);
  if (!q) return; // the schema reports a malformed round
  const says = `本轮是${q.label}（${n.round as string}）`;

  // Title
  if (typeof n.title === 'string' && n.title.trim()) {
    // Another quarter may be named besides this one (…暨2023年第四季度整改情况); not instead of it.
    const named = quartersNamed(n.title);
    const right = named.some((x) => x.year === q.year && x.quarter === q.quarter);
    const wrong = named.find((x) => x.year !== q.year || x.quarter !== q.quarter);
    if (!right && wrong) report(notice.file, ['title'], `标题写的是“${wrong.text}”，但${says}：标题应写“${q.label}”`, 'value', wrong.at);
    if (!named.length) report(notice.file, ['title'], `标题没有写明年份和季度：${says}，标题应写“${q.label}”（例如“关于${q.label}……的通报”）`);
  }

  // Months
  const from = date(obj(n.inspection).from);
  const to = date(obj(n.inspection).to);
  const lo = q.first - 3;
  const hi = q.last;
  const months = Array.isArray(n.months) ? n.months : [];
  let lastMonth: number | null = null;
  months.forEach((v, i) => {
    if (typeof v !== 'string' || !YM.test(v)) return;
    const k = monthIndex(v);
    lastMonth = lastMonth === null ? k : Math.max(lastMonth, k);
    if (k < lo || k > hi) {
      report(notice.file, ['months', i], `检查月份 ${v} 不在本轮的范围内：${says}，检查月份应在 ${ymOf(lo)} 至 ${ymOf(hi)} 之间（本季度或上一季度的月份）`);
    }
  });

  // Inspection dates: not before the last inspected month began (so no month lies after the
  // month inspection starts; that is reported here once, at the date, not at every month).
  if (lastMonth !== null) {
    const start = firstDay(lastMonth);
    const [key, d] = from ? (['from', from] as const) : to ? (['to', to] as const) : [null, null];
    if (key && d && d < start) {
      report(
        notice.file,
        ['inspection', key],
        `检查日期 ${d} 早于最后一个检查月份（${ymOf(lastMonth)}）的第一天：检查日期应在 ${start} 或之后（是不是沿用了上一轮的日期？）`,
      );
    }
  }

  // 成文日期: in the quarter or the next one.
  const issued = date(n.issued);
  if (issued) {
    const a = firstDay(q.first);
    const b = lastDay(q.last + 3);
    if (issued < a || issued > b) {
      report(notice.file, ['issued'], `成文日期 ${issued} 与轮次不符：${says}，成文日期应在 ${a} 至 ${b} 之间（本季度或下一季度内）`);
    }
  }
}
