// A rule's `needs` says which characters it cannot find anything without; lintText skips the
// rule (and a text no applicable rule needs) on that word. Each rule must honour it.
import fc from 'fast-check';
import { RULES } from '../../src/lint';
import { maskUrls } from '../../src/lint/text';

// Chinese, full-width and half-width punctuation, brackets, quotes, digits of both widths,
// spaces, dashes and dots, Latin letters, a URL's characters
const ALPHABET = [...'中文网站局市县的了（）《》〔〕【】()“”‘’"\'，。、；：？！,.;:?!…·・．-－—─０１９019 \u3000\tabcxyz/@号〔〕第年'];

describe('rules with needs find nothing in a text without those characters', () => {
  for (const rule of RULES.filter((r) => r.needs)) {
    test(rule.id, () => {
      const without = ALPHABET.filter((c) => !rule.needs!.test(c));
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...without), { maxLength: 30 }), fc.constantFrom(...rule.kinds), (chars, kind) => {
          const text = chars.join('');
          expect(rule.needs!.test(text)).toBe(false);
          const found = rule.check({ text, masked: maskUrls(text), claimed: new Set(), ctx: { kind, facts: {}, terms: { terms: [], allow: [] } } });
          expect(found).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }
});
