// Properties over random text built from the characters the rules care about: no rule throws
// or points outside the text, and safe fixes applied until nothing changes leave nothing fixable behind.
import fc from 'fast-check';
import { applyFixes, lintText } from '../../src/lint/lint-text';
import { MAX_FIX_PASSES } from '../../src/lint/fix';
import { FIXABLE_RULE_IDS } from '../../src/lint/rules';
import type { FieldKind } from '../../src/lint/types';

const PIECES = [
  '的', '信', '息', '县', '市', '（', '）', '(', ')', ',', '，', ':', '：', ';', '?', '!', '.', '。', '"', "'", '“', '”', '‘', '’',
  '《', '》', '〔', '〕', '[', ']', '【', '】', ' ', '　', '-', '--', '…', '...', '—', '1', '2', '０', '２', '年', '月', '日', '前',
  '号', '第', '黔府办函', 'http://a.gov.cn/?x=1', '\n', 'a', '请于', '检查', '至',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));
const kind = fc.constantFrom<FieldKind>('prose', 'heading', 'name', 'docNumber', 'paragraph');
const facts = { deadline: '2023-11-28', issued: '2023-11-23', inspection: { from: '2023-11-15', to: '2023-11-20' } };

test('findings stay inside the text', () => {
  fc.assert(
    fc.property(text, kind, (t, k) => {
      for (const f of lintText(t, { kind: k, facts })) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(t.length);
        expect(f.start).toBeLessThan(f.end);
      }
    }),
    { numRuns: 2000 },
  );
});

test('after the safe fixes are applied until nothing changes, nothing fixable is left', () => {
  fc.assert(
    fc.property(text, kind, (t, k) => {
      let cur = t;
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const next = applyFixes(cur, lintText(cur, { kind: k, only: FIXABLE_RULE_IDS })).text;
        if (next === cur) break;
        cur = next;
      }
      expect(lintText(cur, { kind: k, only: FIXABLE_RULE_IDS }).filter((f) => f.fix !== undefined)).toEqual([]);
    }),
    { numRuns: 2000 },
  );
});
