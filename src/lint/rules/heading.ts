// heading-form: a 问题/要求 heading is one sentence ending in 。 and carries no number of its
// own — the template prints （一）（二）… before it.
import type { Rule, RuleInput, TextFinding } from '../types';
import { isHan } from '../text';

export const NUMBERING_RE = /^[ \t\u3000]*(?:[（(][ \t]*[一二三四五六七八九十百\d０-９]+[ \t]*[）)]|[一二三四五六七八九十]+[、，,.．]|[\d０-９]+[ \t]*[、，,.．)）]|[①-⑳]|第[一二三四五六七八九十]+[、，,：:])[ \t\u3000]*/;

function headingForm({ text }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  const num = text.match(NUMBERING_RE);
  if (num) {
    const typed = num[0].trim();
    out.push({ rule: 'heading-form', start: 0, end: num[0].length, message: `标题里手工输入了编号“${typed}”：编号由模板按顺序生成`, suggestion: `删去“${typed}”` });
  }
  const body = text.replace(/[ \t\u3000]+$/, '');
  if (!body) return out;
  const last = body[body.length - 1];
  const end = body.length;
  // A half-width period after Chinese is half-width-punct's (it fixes it to 。); don't report it twice.
  if (last === '.' && isHan(body[body.length - 2])) return out;
  if (last !== '。') {
    if ('，,；;：:、！!？?'.includes(last)) {
      out.push({ rule: 'heading-form', start: end - 1, end, message: `标题应以“。”结尾，不以“${last}”结尾`, suggestion: `把末尾的“${last}”改为“。”` });
    } else {
      out.push({ rule: 'heading-form', start: end - 1, end, message: '标题末尾缺少“。”', suggestion: '在末尾加“。”' });
    }
  }
  return out;
}

export const headingRule: Rule = {
  id: 'heading-form',
  title: '问题、要求的标题以“。”结尾，不自带编号',
  fixable: false,
  kinds: ['heading'],
  check: headingForm,
};
