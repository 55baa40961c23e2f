// Dates in prose: written 2023年11月28日 (GB/T 15835-2011, GB/T 9704-2012 成文日期), and not
// contradicting the round's own dates in notice.yaml.
import type { LintFacts, Rule, RuleInput, TextFinding } from '../types';
import { asciiDigits } from '../text';

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十一 → 11, 二十八 → 28, 三十一 → 31 */
function cnNumber(s: string): number | null {
  if (!s) return null;
  if (!s.includes('十')) return s.length === 1 && s in CN_DIGIT ? CN_DIGIT[s] : null;
  const [a, b] = s.split('十');
  const tens = a === '' ? 1 : CN_DIGIT[a];
  const ones = b === '' ? 0 : CN_DIGIT[b];
  if (tens === undefined || ones === undefined) return null;
  return tens * 10 + ones;
}

function ymd(y: number, m?: number | null, d?: number | null): string {
  return `${y}年${m ? `${m}月` : ''}${m && d ? `${d}日` : ''}`;
}

function dateFormat(input: RuleInput): TextFinding[] {
  // ２０２３ is fullwidth-digits' finding; read it as 2023 here (same length, same positions).
  const masked = asciiDigits(input.masked);
  const out: TextFinding[] = [];
  const add = (start: number, end: number, message: string, right: string) =>
    out.push({ rule: 'date-format', start, end, message, suggestion: `写作“${right}”` });
  // 2023年01月05日, 2023 年 11 月 28 日
  for (const m of masked.matchAll(/(?<![\d０-９])(\d{4})([ \t]*)年([ \t]*)(\d{1,2})([ \t]*)月(?:([ \t]*)(\d{1,2})([ \t]*)(日|号))?/g)) {
    const [all, y, s1, s2, mo, s3, s4, d, s5, unit] = m;
    const problems: string[] = [];
    if ((mo.length === 2 && mo[0] === '0') || (d && d.length === 2 && d[0] === '0')) problems.push('月、日不补0');
    if ([s1, s2, s3, s4 ?? '', s5 ?? ''].some((s) => s)) problems.push('日期中间不留空格');
    if (unit === '号') problems.push('用“日”不用“号”');
    if (problems.length) add(m.index!, m.index! + all.length, `日期写法不规范：${problems.join('，')}`, ymd(+y, +mo, d ? +d : null));
  }
  // 11月28号
  for (const m of masked.matchAll(/(?<![\d年])(\d{1,2})月(\d{1,2})号/g)) {
    add(m.index!, m.index! + m[0].length, '日期写法不规范：用“日”不用“号”', `${+m[1]}月${+m[2]}日`);
  }
  // 二〇二三年十一月二十八日
  for (const m of masked.matchAll(/([〇零○Ｏ一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?)?/g)) {
    const y = Number([...m[1]].map((c) => CN_DIGIT[c]).join(''));
    add(m.index!, m.index! + m[0].length, '日期应使用阿拉伯数字', ymd(y, cnNumber(m[2] ?? ''), cnNumber(m[3] ?? '')));
  }
  // 2023.11.28, 2023-11-28, 2023/11/28
  for (const m of masked.matchAll(/(?<![\d.\-/])(\d{4})([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.\-/])/g)) {
    add(m.index!, m.index! + m[0].length, `日期不要写成“${m[0]}”`, ymd(+m[1], +m[3], +m[4]));
  }
  return out;
}

export const dateFormatRule: Rule = {
  id: 'date-format',
  title: '日期写作“2023年11月28日”',
  fixable: false,
  kinds: ['prose', 'heading', 'paragraph'],
  check: dateFormat,
};

// ---- date-mismatch ----

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function isoText(s: string): string {
  const [y, m, d] = s.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;
function fact(s: string | undefined): string | null {
  if (!s || !ISO_RE.test(s)) return null;
  const [y, m, d] = s.split('-').map(Number);
  return validDate(y, m, d) ? s : null;
}

const WEEKDAYS = '日一二三四五六';
// A date: optional year, month, day; the day's 日 may be missing before 至 (2023年11月15至11月20日).
const DATE = String.raw`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?`;
const DATE_RE = new RegExp(`(?<![\\d年月])${DATE}`, 'g');
const SPAN_RE = new RegExp(`(?<![\\d年月])${DATE}[ \\t]*(?:至|到|—|－|-|~|～)[ \\t]*(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日`, 'g');

function dateMismatch({ masked: raw, ctx }: RuleInput): TextFinding[] {
  const masked = asciiDigits(raw);
  const out: TextFinding[] = [];
  const f: LintFacts = ctx.facts;
  const deadline = fact(f.deadline);
  const issued = fact(f.issued);
  const from = fact(f.inspection?.from);
  const to = fact(f.inspection?.to);
  const seen = new Set<number>();
  for (const m of masked.matchAll(DATE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    const explicitYear = m[1] ? +m[1] : null;
    const mo = +m[2];
    const d = +m[3];
    const hasDay = m[0].endsWith('日');
    const after = masked.slice(end, end + 8);
    const before = masked.slice(Math.max(0, start - 6), start);
    // The year of a date written without one: that of the date it would be compared with.
    const refYear = (ref: string | null) => explicitYear ?? (ref ? +ref.slice(0, 4) : null);
    const y0 = refYear(deadline ?? issued ?? from);
    if (y0 !== null && !validDate(y0, mo, d)) {
      out.push({ rule: 'date-mismatch', start, end, message: `日期不存在：${explicitYear ? `${explicitYear}年` : ''}${mo}月${d}日`, suggestion: '核对日期' });
      seen.add(start);
      continue;
    }
    // （星期三）after a date must be that date's weekday.
    const wk = after.match(/^[ \t]*[（(][ \t]*(?:星期|周|礼拜)([一二三四五六日天])[ \t]*[）)]/);
    if (wk && hasDay && y0 !== null) {
      const actual = new Date(Date.UTC(y0, mo - 1, d)).getUTCDay();
      const said = wk[1] === '天' ? 0 : WEEKDAYS.indexOf(wk[1]);
      if (actual !== said) {
        out.push({ rule: 'date-mismatch', start, end: end + wk[0].length, message: `${y0}年${mo}月${d}日是星期${WEEKDAYS[actual]}，不是星期${wk[1]}`, suggestion: `改为“星期${WEEKDAYS[actual]}”或核对日期` });
        seen.add(start);
        continue;
      }
    }
    // A deadline: 请于2023年12月5日前 / 于11月30日之前报送 / 最迟11月30日.
    const beforeDeadline = hasDay && /^(?:之|以)?前/.test(after);
    const asked = /(?:请|须|需|务必|应|应当|要|并)于[ \t]*$|(?:最迟|不晚于|截止(?:日期|时间)?(?:为|是|[：:])?)[ \t]*$/.test(before);
    if (deadline && (beforeDeadline || asked) && hasDay) {
      const y = refYear(deadline)!;
      const said = iso(y, mo, d);
      // 已于11月8日前完成 describes the past. Besides 请于…, a "before" date is the deadline only
      // where the sentence is about reporting back (其他 dates, such as a date to finish some
      // work by, are left alone).
      const past = /(?:已|已经|曾)[于在]?[ \t]*$/.test(before) || /^(?:之|以)?前[ \t]*(?:已|已经)/.test(after);
      const future = !issued || said > issued;
      const reporting = /报送|上报|反馈|提交|整改情况|整改报告|报州|报市|报县|报区/.test(sentenceAround(masked, start, end));
      const requested = /[于在][ \t]*$/.test(before);
      if (issued && !past && requested && !asked && !reporting && said <= issued) {
        // 于11月8日前完成 in a notice issued on 11月23日: the date has passed before it is sent.
        out.push({
          rule: 'date-mismatch',
          start,
          end,
          message: `要求完成的日期不晚于成文日期（issued：${isoText(issued)}）`,
          suggestion: '核对日期',
        });
        seen.add(start);
      } else if (said !== deadline && !past && (asked || (reporting && (future || requested)))) {
        out.push({
          rule: 'date-mismatch',
          start,
          end,
          message: `截止日期与数据不符：notice.yaml 的 deadline 是${isoText(deadline)}`,
          suggestion: `改为“${explicitYear ? isoText(deadline) : isoText(deadline).replace(/^\d{4}年/, '')}”，或改 deadline`,
        });
        seen.add(start);
      }
    }
  }
  // The inspection period: 于2023年11月15日至20日…检查.
  if (from && to) {
    for (const m of masked.matchAll(SPAN_RE)) {
      const start = m.index!;
      if (seen.has(start)) continue;
      const end = start + m[0].length;
      const before = masked.slice(Math.max(0, start - 3), start);
      const sentence = sentenceAround(masked, start, end);
      if (!/[于在自从为是：:][ \t]*$/.test(before) || !/检查|抽查|巡查|监测/.test(sentence)) continue;
      const y1 = m[1] ? +m[1] : +from.slice(0, 4);
      const a = iso(y1, +m[2], +m[3]);
      const y2 = m[4] ? +m[4] : y1;
      const b = iso(y2, m[5] ? +m[5] : +m[2], +m[6]);
      if (a !== from || b !== to) {
        out.push({
          rule: 'date-mismatch',
          start,
          end,
          message: `检查时间与数据不符：notice.yaml 的 inspection 是${isoText(from)}至${isoText(to)}`,
          suggestion: '改为与 inspection 一致，或改 inspection',
        });
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

function sentenceAround(s: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !'。；！？\n'.includes(s[a - 1])) a--;
  let b = end;
  while (b < s.length && !'。；！？\n'.includes(s[b])) b++;
  return s.slice(a, b);
}

export const dateMismatchRule: Rule = {
  id: 'date-mismatch',
  title: '正文中的日期与数据（deadline、inspection）一致，日期存在、星期正确',
  fixable: false,
  kinds: ['prose', 'heading', 'paragraph'],
  check: dateMismatch,
};
