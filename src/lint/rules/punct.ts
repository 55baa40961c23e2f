// Punctuation rules (GB/T 15834-2011 标点符号用法): half-width marks, quotes, bracket pairs,
// ellipsis and dash, full-width digits.
import type { Rule, RuleInput, TextFinding } from '../types';
import { asciiDigits, hasHan, isAsciiAlnum, isChinese, isDigit, isHan, nextNonSpace, nextNonSpaceAt, prevNonSpace, prevNonSpaceAt } from '../text';

const FULL: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '.': '。' };

/** Replace the mark at i, taking the ASCII spaces around it when they sit between Chinese text. */
function widthFix(text: string, i: number, rule: string, message: string): TextFinding {
  let start = i;
  let end = i + 1;
  const c = text[i];
  // 要求, 对 → 要求，对: a full-width mark carries its own space.
  if (isChinese(prevNonSpace(text, i))) while (text[start - 1] === ' ') start--;
  if (isChinese(nextNonSpace(text, i))) while (text[end] === ' ') end++;
  return { rule, start: i, end: i + 1, message, suggestion: `改为全角“${FULL[c]}”`, fix: FULL[c], fixRange: [start, end] };
}

function halfWidthPunct({ text, masked, claimed }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  if (!/[(),:;?!.]/.test(masked)) return out; // most fields: a quick no
  const msg = (c: string) => `中文里用了半角“${c}”`;
  const skip = (i: number) => masked[i] !== text[i] || claimed.has(i);
  // Parentheses go by pairs: （含5个) and (1)加强 are both Chinese brackets.
  const stack: number[] = [];
  const parens: [number, number | null][] = [];
  for (let i = 0; i < text.length; i++) {
    if (skip(i)) continue;
    if (text[i] === '(') stack.push(i);
    else if (text[i] === ')') parens.push([stack.length ? stack.pop()! : -1, i]);
  }
  for (const o of stack) parens.push([o, null]);
  const flagged = new Set<number>();
  for (const [o, c] of parens) {
    const inner = o >= 0 && c !== null ? text.slice(o + 1, c) : '';
    // Chinese inside, or a Chinese character just outside: Open Data (2023 edition) stays.
    const chinese =
      hasHan(inner) ||
      (o >= 0 && (isHan(prevNonSpace(text, o)) || isHan(nextNonSpace(text, o)))) ||
      (c !== null && (isHan(nextNonSpace(text, c)) || isHan(prevNonSpace(text, c))));
    if (!chinese) continue;
    if (o >= 0) flagged.add(o);
    if (c !== null) flagged.add(c);
  }
  // A mark counts as Chinese once flagged, so a run such as 的,:? is found in one pass.
  const near = (j: number | undefined) => j !== undefined && (isChinese(text[j]) || flagged.has(j));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (flagged.has(i) || !',:;?!.'.includes(c) || skip(i)) continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      if (c === '.') {
        // Only a sentence-ending period after Chinese: not 1.5, not 1.抽查 numbering, not ... or a.docx.
        if (!(isHan(prev) || '）”》'.includes(prev ?? '')) || next === '.' || prev === '.' || isAsciiAlnum(next)) continue;
      } else if ((c === ',' || c === ':') && isDigit(prev) && isDigit(next)) {
        continue; // 1,000 and 10:30
      } else if (!near(prevNonSpaceAt(text, i)) && !near(nextNonSpaceAt(text, i))) {
        continue;
      }
      flagged.add(i);
      changed = true;
    }
  }
  for (const i of [...flagged].sort((a, b) => a - b)) out.push(widthFix(text, i, 'half-width-punct', msg(text[i])));
  return out.sort((a, b) => a.start - b.start);
}

export const halfWidth: Rule = {
  id: 'half-width-punct',
  title: '中文里的半角 ( ) , : ; ? ! . 应为全角',
  fixable: true,
  needs: /[(),:;?!.]/,
  kinds: ['prose', 'heading', 'name', 'paragraph'],
  check: halfWidthPunct,
};

/** Whether position i lies inside a “…” quotation. */
function insideDouble(text: string, i: number): boolean {
  let depth = 0;
  for (let j = 0; j < i; j++) {
    if (text[j] === '“') depth++;
    else if (text[j] === '”' && depth > 0) depth--;
  }
  return depth > 0;
}

function quotes({ text, masked }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  if (!/["'“”‘’]/.test(text)) return out;
  // Straight quotes, paired in order of appearance.
  for (const [q, open, close] of [
    ['"', '“', '”'],
    ["'", '‘', '’'],
  ] as const) {
    const at: number[] = [];
    for (let i = 0; i < text.length; i++) if (text[i] === q && masked[i] === q) at.push(i);
    for (let k = 0; k < at.length; k += 2) {
      const a = at[k];
      const b = at[k + 1];
      if (b === undefined) {
        if (isChinese(prevNonSpace(text, a)) || isChinese(nextNonSpace(text, a))) {
          out.push({ rule: 'quotes', start: a, end: a + 1, message: `中文里用了直引号${q}，且没有配对`, suggestion: `改为成对的“${open}${close}”` });
        }
        continue;
      }
      const inner = text.slice(a + 1, b);
      // An apostrophe pair must enclose Chinese (it's → not a quote).
      const chinese = q === '"' ? hasHan(inner) || isChinese(prevNonSpace(text, a)) || isChinese(nextNonSpace(text, b)) : hasHan(inner);
      if (!chinese) continue;
      // Outside “” a quotation takes “”; inside one it takes ‘’ (GB/T 15834-2011 4.3.3.2).
      const [o, c] = insideDouble(text, a) ? ['‘', '’'] : ['“', '”'];
      out.push({ rule: 'quotes', start: a, end: a + 1, message: `中文里用了直引号${q}`, suggestion: `改为左引号${o}`, fix: o });
      out.push({ rule: 'quotes', start: b, end: b + 1, message: `中文里用了直引号${q}`, suggestion: `改为右引号${c}`, fix: c });
    }
  }
  // Curly quotes: balanced, and nested “‘’” (GB/T 15834-2011 4.3.3.2).
  const stack: { c: string; i: number }[] = [];
  const nextOf = (from: number, set: string): string | undefined => {
    for (let j = from; j < text.length; j++) if (set.includes(text[j])) return text[j];
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!'“”‘’'.includes(c)) continue;
    const top = stack[stack.length - 1];
    const pairOpen = c === '”' ? '“' : c === '’' ? '‘' : null;
    if (c === '“' || c === '‘') {
      const close = c === '“' ? '”' : '’';
      if (top?.c === c) {
        if (nextOf(i + 1, c + close) === close) {
          out.push({ rule: 'quotes', start: i, end: i + 1, message: `引号嵌套不对：${c === '“' ? '双引号里' : '单引号里'}又用了${c}`, suggestion: c === '“' ? '里面一层改用单引号‘’' : '外面一层用双引号“”' });
          stack.push({ c, i });
        } else {
          // “三审三校“: a left quote typed where the right one belongs.
          out.push({ rule: 'quotes', start: i, end: i + 1, message: `左引号${c}用在了右引号的位置`, suggestion: `改为右引号${close}`, fix: close });
          stack.pop();
        }
      } else stack.push({ c, i });
      continue;
    }
    if (top?.c === pairOpen) {
      stack.pop();
      continue;
    }
    if (!top) {
      const open = pairOpen!;
      if (nextOf(i + 1, open + c) === c) {
        // ”三审三校”: a right quote typed where the left one belongs.
        out.push({ rule: 'quotes', start: i, end: i + 1, message: `右引号${c}用在了左引号的位置`, suggestion: `改为左引号${open}`, fix: open });
        stack.push({ c: open, i });
      } else if (c === '’' && isAsciiAlnum(text[i - 1]) && isAsciiAlnum(text[i + 1])) {
        continue; // an English apostrophe
      } else {
        out.push({ rule: 'quotes', start: i, end: i + 1, message: `多余的右引号${c}：前面没有对应的左引号`, suggestion: `补上左引号${open}或删去` });
      }
      continue;
    }
    // “甲‘乙”丙’: the pairs cross.
    out.push({ rule: 'quotes', start: i, end: i + 1, message: `引号交叉：${top.c}还没有结束就出现了${c}`, suggestion: `先用${top.c === '“' ? '右引号”' : '右引号’'}结束里面一层` });
    // Close the outer pair and keep the inner one open: its own closing mark is still to come.
    const k = stack.map((s) => s.c).lastIndexOf(pairOpen!);
    if (k >= 0) stack.splice(k, 1);
  }
  for (const s of stack) {
    out.push({ rule: 'quotes', start: s.i, end: s.i + 1, message: `引号没有配对：${s.c}后面缺少${s.c === '“' ? '”' : '’'}`, suggestion: `补上右引号${s.c === '“' ? '”' : '’'}` });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const quotesRule: Rule = {
  id: 'quotes',
  title: '中文用弯引号“”‘’，成对且双引号在外',
  fixable: true,
  needs: /["'“”‘’]/,
  kinds: ['prose', 'heading', 'name', 'paragraph'],
  check: quotes,
};

const PAIRS: Record<string, string> = { '（': '）', '《': '》', '〔': '〕', '【': '】' };
const CLOSERS: Record<string, string> = { '）': '（', '》': '《', '〕': '〔', '】': '【' };
// Half-width parentheses count as the full-width ones, so （含5个) is one mistake (half-width-punct), not two.
const SAME: Record<string, string> = { '(': '（', ')': '）' };
const PAIR_CODES = new Set([...Object.keys(PAIRS), ...Object.keys(CLOSERS), ...Object.keys(SAME)].map((c) => c.charCodeAt(0)));

function unbalancedPair({ text, masked, claimed }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  if (!/[（）《》〔〕【】()]/.test(masked)) return out;
  const stack: { c: string; i: number }[] = [];
  const unclosed = (s: { c: string; i: number }): TextFinding => ({
    rule: 'unbalanced-pair',
    start: s.i,
    end: s.i + 1,
    message: `“${text[s.i]}”没有配对：缺少“${PAIRS[s.c]}”`,
    suggestion: `在相应位置补上“${PAIRS[s.c]}”，或删去“${text[s.i]}”`,
  });
  for (let i = 0; i < text.length; i++) {
    // only the brackets matter: the rest is passed over by code (a paragraph may be 400,000 characters)
    if (!PAIR_CODES.has(text.charCodeAt(i))) continue;
    if (masked.charCodeAt(i) !== text.charCodeAt(i) || claimed.has(i)) continue;
    const c = SAME[text[i]] ?? text[i];
    if (PAIRS[c]) {
      stack.push({ c, i });
      continue;
    }
    const open = CLOSERS[c];
    if (!open) continue;
    let k = stack.length - 1;
    while (k >= 0 && stack[k].c !== open) k--;
    if (k < 0) {
      out.push({ rule: 'unbalanced-pair', start: i, end: i + 1, message: `多余的“${text[i]}”：前面没有对应的“${open}”`, suggestion: `补上“${open}”或删去“${text[i]}”` });
      continue;
    }
    // 《通知（试行》）: whatever opened after the match is left unclosed.
    for (const s of stack.slice(k + 1)) out.push(unclosed(s));
    stack.length = k;
  }
  for (const s of stack) out.push(unclosed(s));
  return out.sort((a, b) => a.start - b.start);
}

export const unbalanced: Rule = {
  id: 'unbalanced-pair',
  title: '（）《》〔〕【】成对出现',
  fixable: false,
  needs: /[（）《》〔〕【】()]/,
  kinds: ['prose', 'heading', 'name', 'paragraph'],
  check: unbalancedPair,
};

function ellipsisDash({ text, masked }: RuleInput): TextFinding[] {
  if (!/[.。…·・．\-－—─]/.test(masked) || !hasHan(text)) return [];
  const out: TextFinding[] = [];
  for (const m of masked.matchAll(/\.{3,}|。{3,}|…+|[·・]{3,}|．{3,}/g)) {
    if (m[0] === '……') continue;
    out.push({ rule: 'ellipsis-dash', start: m.index!, end: m.index! + m[0].length, message: `省略号写成了“${m[0]}”`, suggestion: '改为“……”', fix: '……' });
  }
  for (const m of masked.matchAll(/-{2,}|－{2,}|—{3,}|─{2,}/g)) {
    const a = text[m.index! - 1];
    const b = text[m.index! + m[0].length];
    // --help or a-b--c is not Chinese text; the dash must touch Chinese on at least one side.
    if (!isChinese(a) && !isChinese(b)) continue;
    out.push({ rule: 'ellipsis-dash', start: m.index!, end: m.index! + m[0].length, message: `破折号写成了“${m[0]}”`, suggestion: '改为“——”', fix: '——' });
  }
  return out;
}

export const ellipsisDashRule: Rule = {
  id: 'ellipsis-dash',
  title: '省略号用“……”，破折号用“——”',
  fixable: true,
  needs: /[.。…·・．\-－—─]/,
  kinds: ['prose', 'heading', 'name', 'paragraph'],
  check: ellipsisDash,
};

function fullwidthDigits({ masked }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  for (const m of masked.matchAll(/[０-９]+/g)) {
    const fixed = asciiDigits(m[0]);
    out.push({ rule: 'fullwidth-digits', start: m.index!, end: m.index! + m[0].length, message: `全角数字“${m[0]}”`, suggestion: `改为“${fixed}”`, fix: fixed });
  }
  return out;
}

export const fullwidthDigitsRule: Rule = {
  id: 'fullwidth-digits',
  title: '数字用半角阿拉伯数字（２０２３→2023）',
  fixable: true,
  needs: /[０-９]/,
  kinds: ['prose', 'heading', 'name', 'paragraph', 'docNumber'],
  check: fullwidthDigits,
};
