// terms: expressions from the user's list (terms.yaml): wrong form → right form, with a note.
import type { Rule, RuleInput, TextFinding } from '../types';
import { occurrences } from '../text';

function terms({ masked, ctx }: RuleInput): TextFinding[] {
  const out: TextFinding[] = [];
  const taken = new Set<number>();
  // Longer forms first, so 截止到 is reported once and not again as a shorter entry inside it.
  const list = [...ctx.terms.terms].sort((a, b) => b.wrong.length - a.wrong.length);
  for (const t of list) {
    for (const [s, e] of occurrences(masked, t.wrong)) {
      if ([...Array(e - s).keys()].some((k) => taken.has(s + k))) continue;
      for (let i = s; i < e; i++) taken.add(i);
      out.push({
        rule: 'terms',
        start: s,
        end: e,
        message: `“${t.wrong}”应写作“${t.right}”${t.note ? `：${t.note}` : ''}`,
        suggestion: `改为“${t.right}”`,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const termsRule: Rule = {
  id: 'terms',
  title: '用词表（terms.yaml）中的误用',
  fixable: false,
  kinds: ['prose', 'heading', 'paragraph'],
  check: terms,
};
