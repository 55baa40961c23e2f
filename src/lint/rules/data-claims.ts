// Prose that contradicts the data: a sentence saying every site (or account) passed when one
// failed, or a count typed into the text that differs from the one computed from the data.
// Only what people type is checked (problem and requirement texts, titles): the notice's own
// sentences are generated from the data and cannot disagree with it.
import type { ClaimGroup, DataCounts, Rule, RuleInput, TextFinding } from '../types';

/** What a phrase talks about: longest names first so 政务新媒体 is not read as 新媒体. */
const SUBJECTS: [string, ClaimGroup][] = [
  ['政务新媒体', 'accounts'],
  ['新媒体账号', 'accounts'],
  ['新媒体', 'accounts'],
  ['政府网站', 'sites'],
  ['网站', 'sites'],
  ['政务微博', 'weibo'],
  ['微博账号', 'weibo'],
  ['微博', 'weibo'],
  ['政务微信', 'wechat'],
  ['微信公众号', 'wechat'],
  ['公众号', 'wechat'],
  ['微信', 'wechat'],
  ['账号', 'accounts'],
];
const SUBJECT_RE = SUBJECTS.map(([s]) => s).join('|');
const GROUP_OF = new Map(SUBJECTS);

const GROUP_LABEL: Record<ClaimGroup, string> = { sites: '政府网站', accounts: '政务新媒体', weibo: '政务微博', wechat: '政务微信' };

/** Said of the whole set: 均为合格, 全部合格, 都合格 … */
const ALL_PASS_RE = /(?:均|全部|全都|都|一律|皆)(?:为|是|已|属)?合格/g;
/** Said of the failures: 未发现不合格, 没有不合格 … */
const NONE_FAIL_RE = /(?:未发现|没有发现|没有|未有|无|不存在)(?:任何)?不合格/g;
/** A wish or a demand, not a statement: 确保全部合格, 要求均合格, 是否都合格 */
const MODAL_RE = /(?:确保|保证|力争|争取|要求|要|应|须|必须|务必|是否|如果|若|一旦|并非|不是|未能|难以)/;
/** Talks about another round: 上季度均合格 */
const OTHER_ROUND_RE = /(?:上季度|上一季度|上个季度|上期|上次|上一轮|去年|同比|环比|以往|往年|此前)/;

const CLAUSE_END = /[。；;！!？?\n]/;
const COMMA = /[，,：:]/;

function clauseBounds(text: string, at: number, end: number, stop: RegExp): [number, number] {
  let s = at;
  while (s > 0 && !stop.test(text[s - 1]) && !CLAUSE_END.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && !stop.test(text[e]) && !CLAUSE_END.test(text[e])) e++;
  return [s, e];
}

function groupsIn(text: string): ClaimGroup[] {
  const out: ClaimGroup[] = [];
  for (const m of text.matchAll(new RegExp(SUBJECT_RE, 'g'))) {
    const g = GROUP_OF.get(m[0])!;
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

type Level = 'department' | 'county';

/** The one level a phrase is about (州直部门网站), or null for both or neither. */
function levelIn(text: string, names: { department: string; county: string }): Level | null {
  const dep = [names.department, '部门', '州直', '市直', '省直'].some((w) => w && text.includes(w));
  const cty = [names.county, '县', '区（县）', '县（市）'].some((w) => w && text.includes(w));
  return dep === cty ? null : dep ? 'department' : 'county';
}

function countOf(counts: DataCounts, group: ClaimGroup, level: Level | null): { total: number; failing: string[] } {
  const g = counts[group];
  return level ? g[level] : { total: g.department.total + g.county.total, failing: [...g.department.failing, ...g.county.failing] };
}

function some(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join('、')}等` : names.join('、');
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 23, 二十三, 一百零五 → number (null when not a number). */
export function numberOf(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const c of s) {
    if (c in CN_DIGIT) cur = CN_DIGIT[c];
    else if (c === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (c === '百') {
      total += (cur || 1) * 100;
      cur = 0;
    } else if (c === '千') {
      total += (cur || 1) * 1000;
      cur = 0;
    } else return null;
  }
  return total + cur;
}

const NUM = '(\\d+|[一二两三四五六七八九十百千零〇]+)';
const UNIT = '(?:个|家|户)';
// A unit count is a count of sites only when it is not a count of their parts (3个网站栏目).
const LIST = `(?:${SUBJECT_RE})(?:[、和及与](?:${SUBJECT_RE}))*(?!栏目|页面|链接|信息|内容|文章|首页|专栏|稿件|板块|功能|名称)`;
/** Words that make a number the whole count: 共有50个, 抽查了50家 (without them 有3个网站… is some). */
const TOTAL = '(共有|共计|共|总计|合计|抽查了?|检查了?|纳入监管的?)';
/**
 * 23个政务新媒体不合格 · 抽查了50家网站 · 有不合格政府网站2个 · 网站中有2个不合格 · 政务微信、政务微博共有75个.
 * Groups: [total word, number, 不合格 before, list, 不合格 after].
 */
const COUNT_RES: { re: RegExp; groups: [number, number, number, number, number] }[] = [
  { re: new RegExp(`(?:${TOTAL}\\s*)?${NUM}\\s*${UNIT}\\s*(不合格的?)?\\s*(${LIST})(\\s*不合格)?`, 'g'), groups: [1, 2, 3, 4, 5] },
  {
    re: new RegExp(`(不合格的?)?\\s*(${LIST})\\s*(?:中|里)?\\s*(?:${TOTAL}|有|为)?\\s*${NUM}\\s*${UNIT}(\\s*不合格)?`, 'g'),
    groups: [3, 4, 1, 2, 5],
  },
];

/**
 * Whether this rule can have anything to say about a text, whatever the counts: every claim it
 * reads says 合格 (均为合格, 没有不合格, 2个不合格) or names what it counts (网站, 账号 …).
 */
const MAY_CLAIM_RE = new RegExp(`合格|${SUBJECT_RE}`);
export function mayClaim(text: string): boolean {
  return MAY_CLAIM_RE.test(text);
}

function claims(input: RuleInput): TextFinding[] {
  const counts = input.ctx.facts.counts;
  if (!counts) return [];
  const text = input.masked;
  const out: TextFinding[] = [];

  // "All passed" / "none failed"
  for (const re of [ALL_PASS_RE, NONE_FAIL_RE]) {
    for (const m of text.matchAll(re)) {
      const at = m.index!;
      const end = at + m[0].length;
      const [cs, ce] = clauseBounds(text, at, end, COMMA);
      const clause = text.slice(cs, ce);
      const before = text.slice(cs, at);
      // 不都合格, 非全部合格: negated right before the claim
      if (/[不未非没]$/.test(before) || MODAL_RE.test(before) || OTHER_ROUND_RE.test(clause)) continue;
      // The subject: after 不合格 for "none failed" (未发现不合格网站), else before the claim in the
      // clause (各单位网站均为合格), then right after it (均为合格网站), then the sentence before.
      const after = text.slice(end, ce);
      let groups = re === NONE_FAIL_RE ? groupsIn(after) : groupsIn(before);
      if (!groups.length) groups = groupsIn(re === NONE_FAIL_RE ? before : after);
      let scope = clause;
      if (!groups.length) {
        const [ss] = clauseBounds(text, at, end, /(?!)/);
        scope = text.slice(ss, ce);
        groups = groupsIn(text.slice(ss, at));
      }
      const level = levelIn(scope, counts.levels);
      for (const g of groups) {
        const { failing } = countOf(counts, g, level);
        if (!failing.length) continue;
        out.push({
          rule: 'contradicts-data',
          start: at,
          end,
          message: `这里说“${text.slice(at, end)}”，但数据中有 ${failing.length} 个不合格的${GROUP_LABEL[g]}（${some(failing)}）`,
          suggestion: '改写这句话，或核对数据',
        });
      }
    }
  }

  // Counts
  const seen = new Set<number>();
  for (const { re, groups: [gt, gn, gpre, glist, gpost] } of COUNT_RES) {
    for (const m of text.matchAll(re)) {
      const at = m.index!;
      if (seen.has(at)) continue;
      const [total, numText, pre, list, post] = [m[gt], m[gn], m[gpre], m[glist], m[gpost]];
      const failingClaim = !!(pre || post);
      if (!failingClaim && !total) continue;
      const n = numberOf(numText);
      if (n === null) continue;
      const groups = groupsIn(list);
      // 政务微信、政务微博 together are the new media; a list mixing sites and accounts is not one count.
      const group: ClaimGroup | null =
        groups.length === 1 ? groups[0] : groups.every((g) => g !== 'sites') ? 'accounts' : null;
      if (!group) continue;
      const [cs, ce] = clauseBounds(text, at, at + m[0].length, COMMA);
      const clause = text.slice(cs, ce);
      if (OTHER_ROUND_RE.test(clause)) continue;
      const level = levelIn(text.slice(Math.max(cs, at - 8), at + m[0].length), counts.levels);
      const c = countOf(counts, group, level);
      const want = failingClaim ? c.failing.length : c.total;
      if (n === want) continue;
      seen.add(at);
      const levelName = level ? counts.levels[level] : '';
      out.push({
        rule: 'contradicts-data',
        start: at,
        end: at + m[0].length,
        message: `这里写的是 ${n} 个，但数据中${levelName}${failingClaim ? '不合格的' : ''}${GROUP_LABEL[group]}有 ${want} 个`,
        suggestion: `核对后改为 ${want} 个`,
      });
    }
  }
  return out;
}

export const contradictsDataRule: Rule = {
  id: 'contradicts-data',
  title: '文字与数据矛盾：说“均为合格”而有不合格，或写的个数与数据不符',
  fixable: false,
  kinds: ['prose', 'heading'],
  check: claims,
};
