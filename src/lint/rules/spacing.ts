// spacing: Chinese text has no spaces between characters; white space at either end of a
// field and full-width spaces used to indent are left-overs of copying from Word.
import type { Rule, RuleInput, TextFinding } from '../types';
import { isChinese, showChar } from '../text';

function spacing({ text, ctx }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  if (!/[\s\u3000]/.test(text)) return out;
  const claimed = new Set<number>();
  const add = (start: number, end: number, message: string, suggestion: string) => {
    for (let i = start; i < end; i++) claimed.add(i);
    out.push({ rule: 'spacing', start, end, message, suggestion });
  };
  // The rendered notice may lay out its signature with spaces; only the ends and ASCII spaces
  // between Chinese count there.
  const layoutSpaces = ctx.kind === 'paragraph';
  const ws = layoutSpaces ? /[ \t]/ : /[ \t\u3000]/;
  const lead = text.match(layoutSpaces ? /^[ \t]+/ : /^[ \t\u3000]+/);
  if (lead && lead[0].length < text.length) {
    const full = lead[0].includes('\u3000');
    add(0, lead[0].length, full ? '开头用全角空格缩进：缩进由模板排版' : '开头有多余的空格', '删去开头的空格');
  }
  const trail = text.match(layoutSpaces ? /[ \t]+$/ : /[ \t\u3000]+$/);
  if (trail && trail.index! > 0) add(trail.index!, text.length, '末尾有多余的空格', '删去末尾的空格');
  for (let i = 0; i < text.length; i++) {
    // A line break inside a field (a |- block): the notice prints it as a space.
    if (text[i] === '\n' && !layoutSpaces) {
      const a = text.slice(0, i).replace(/[ \t\r]+$/, '');
      const b = text.slice(i + 1).replace(/^[ \t]+/, '');
      if (isChinese(a[a.length - 1]) && isChinese(b[0])) {
        out.push({ rule: 'spacing', start: i, end: i + 1, message: '文字中间换了行：通报正文会把换行排成空格', suggestion: '把这段文字写在同一行' });
      }
      continue;
    }
    if (!ws.test(text[i]) || claimed.has(i)) continue;
    let j = i;
    while (j < text.length && ws.test(text[j])) j++;
    if (isChinese(text[i - 1]) && isChinese(text[j])) {
      add(i, j, `中文字符之间有${showChar(text[i])}`, '删去空格');
    } else if (!layoutSpaces && text[i - 1] === '\n' && text.slice(i, j).includes('\u3000')) {
      add(i, j, '行首用全角空格缩进：缩进由模板排版', '删去行首的全角空格');
    } else if (!layoutSpaces && text.slice(i, j).includes('\u3000')) {
      add(i, j, '用了全角空格', '删去或改为标点');
    }
    i = j - 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

export const spacingRule: Rule = {
  id: 'spacing',
  title: '中文字符之间不留空格；字段首尾无空格；不用全角空格缩进',
  fixable: false,
  needs: /[\s\u3000]/,
  kinds: ['prose', 'heading', 'name', 'paragraph', 'docNumber'],
  check: spacing,
};
