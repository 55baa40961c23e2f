// doc-number: 发文字号 and cited 文号 take the form 机关代字〔2023〕14号 (GB/T 9704-2012 7.2.4:
// 年份用六角括号“〔〕”括入，序号不编虚位，不加“第”字).
import type { Rule, RuleInput, TextFinding } from '../types';
import { asciiDigits } from '../text';

export interface DocNumberMatch {
  start: number;
  end: number;
  open: number;
  close: number;
  year: string;
  /** index of 第, or -1 */
  di: number;
  numStart: number;
  num: string;
}

// 机关代字 ends with a Chinese character right before the bracket; the year is digits only.
const CITED_RE = /(?<=[\u4e00-\u9fff])[ \t]*([〔\[(（【﹝［〖{｛<〈])[ \t]*([0-9０-９]{2,4})[ \t]*([〕\])）】﹞］〗}｝>〉])[ \t]*(第[ \t]*)?([0-9０-９]+)[ \t]*号/dg;

export function findDocNumbers(masked: string): DocNumberMatch[] {
  const out: DocNumberMatch[] = [];
  if (!masked.includes('号')) return out;
  for (const m of masked.matchAll(CITED_RE)) {
    const ix = m.indices!;
    const start = ix[1][0];
    out.push({ start, end: ix[0][1], open: ix[1][0], close: ix[3][0], year: m[2], di: ix[4] ? ix[4][0] : -1, numStart: ix[5][0], num: m[5] });
  }
  return out;
}

/** The corrected 文号, with its 机关代字 (the Chinese characters just before the bracket). */
function correct(m: DocNumberMatch, text: string): string {
  let a = m.start;
  while (a > 0 && m.start - a < 12 && /[\u4e00-\u9fff]/.test(text[a - 1])) a--;
  // 根据黔府办函…: leave out the verb in front of the 机关代字.
  const prefix = text.slice(a, m.start).replace(/^(?:(?:根据|依据|按照|依照|参照|对照|执行|印发|转发|落实|贯彻|详见|参见|见|和|及|与|以)(?=[\u4e00-\u9fff]{2}))+/, '');
  return `${prefix}〔${asciiDigits(m.year)}〕${String(Number(asciiDigits(m.num)))}号`;
}

function problemsOf(m: DocNumberMatch, text: string): { at: number; end: number; what: string }[] {
  const out: { at: number; end: number; what: string }[] = [];
  if (text[m.open] !== '〔' || text[m.close] !== '〕') {
    out.push({ at: m.open, end: m.close + 1, what: `年份应括入六角括号“〔〕”，不用“${text[m.open]}${text[m.close]}”` });
  }
  if (m.year.length !== 4) out.push({ at: m.open + 1, end: m.close, what: '年份应写全4位' });
  if (m.di >= 0) out.push({ at: m.di, end: m.di + 1, what: '序号前不加“第”' });
  if (/^[0０]/.test(m.num) && m.num.length > 1) out.push({ at: m.numStart, end: m.numStart + m.num.length, what: '序号不编虚位（前面不加0）' });
  return out;
}

function findingOf(m: DocNumberMatch, text: string, label: string): TextFinding | null {
  const problems = problemsOf(m, text);
  if (problems.length === 0) return null;
  return {
    rule: 'doc-number',
    start: problems[0].at,
    end: problems[0].end,
    message: `${label}格式不对：${problems.map((p) => p.what).join('；')}`,
    suggestion: `写作“${correct(m, text)}”`,
  };
}

function check({ text, masked, ctx }: RuleInput): TextFinding[] {
  const found = findDocNumbers(masked);
  if (ctx.kind !== 'docNumber') {
    return found.map((m) => findingOf(m, text, '文号')).filter((f): f is TextFinding => f !== null);
  }
  // A whole 发文字号 field: exactly one 文号 and nothing after 号 (spaces are the spacing rule's).
  if (!text.trim()) return [];
  const example = '写作“机关代字〔年份〕序号号”，如“黔府办函〔2018〕14号”';
  const m = found[0];
  if (!m) return [{ rule: 'doc-number', start: 0, end: text.length, message: '发文字号格式不对：应由机关代字、〔年份〕和序号组成', suggestion: example }];
  const out: TextFinding[] = [];
  const f = findingOf(m, text, '发文字号');
  if (f) out.push(f);
  const rest = text.slice(m.end).trim();
  if (rest) out.push({ rule: 'doc-number', start: m.end, end: text.length, message: `发文字号以“号”结束，后面多了“${rest}”`, suggestion: `删去“${rest}”` });
  return out;
}

export const docNumber: Rule = {
  id: 'doc-number',
  title: '发文字号、引用的文号应写作“黔府办函〔2018〕14号”',
  fixable: false,
  kinds: ['prose', 'heading', 'paragraph', 'docNumber'],
  check,
};
