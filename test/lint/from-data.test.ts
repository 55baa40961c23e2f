// A finding in the rendered notice that lies inside text quoted from the data is left to the
// data file (reported there once); one outside, or only partly inside, is the notice's own.
import fc from 'fast-check';
import { lintRound } from '../../src/lint';
import { quotedByIndex, quotedIn } from '../../src/lint/round';
import { parseYamlText } from '../../src/load/yaml-file';

const file = (name: string, text: string) => parseYamlText(text, `/r/${name}`, name).file;

describe('notice findings inside data text', () => {
  const notice = file('notice.yaml', 'issuer: 市政府办公室\n');
  const sites = file('sites.yaml', 'department:\n  - name: 某市"教育"局\n    url: http://a.gov.cn\n    result: 不合格\n  - name: 乙局\n    url: http://b.gov.cn\n    result: 合格\n');
  const onNotice = (paras: string[]) => lintRound({ notice, sites }, {}, paras, { noticeName: '通报.docx' }).filter((d) => d.file === '通报.docx');

  test('inside a quoted name: not reported on the notice', () => {
    expect(lintRound({ notice, sites }, {}, [], {}).some((d) => d.file === 'sites.yaml')).toBe(true);
    expect(onNotice(['不合格的网站是：某市"教育"局、乙局。'])).toEqual([]);
    // the name at the very start and at the very end of the paragraph
    expect(onNotice(['某市"教育"局'])).toEqual([]);
    expect(onNotice([`${'甲、'.repeat(500)}某市"教育"局`])).toEqual([]);
  });

  test('the same text not from the data is reported', () => {
    const found = onNotice(['他说"教育"很重要。']);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.line === 1)).toBe(true);
  });

  test('a name cut short in the paragraph, or one that ends before the finding, does not cover it', () => {
    expect(onNotice(['某市"教育"处'])).not.toEqual([]);
    expect(onNotice(['乙局说"好"。'])).not.toEqual([]);
  });
});

describe('quotedIn (one pass per finding text) says what the index of every data string says', () => {
  // a small alphabet so that data strings overlap, repeat and stand in the paragraph often
  const text = (max: number) => fc.array(fc.constantFrom('市', '局', '甲', '乙', '"', '、'), { minLength: 0, maxLength: max }).map((cs) => cs.join(''));
  test('for any paragraph, data strings and finding', () => {
    fc.assert(
      fc.property(fc.array(text(6), { maxLength: 8 }), fc.array(fc.oneof(text(4), fc.nat(7)), { maxLength: 8 }), fc.nat(), fc.nat(5), (data, parts, at, len) => {
        // the paragraph: pieces of text and data strings put side by side
        const para = parts.map((p) => (typeof p === 'number' ? (data[p % Math.max(1, data.length)] ?? '') : p)).join('');
        if (!para.length) return;
        const start = at % para.length;
        const end = Math.min(para.length, start + 1 + len);
        const x = { rule: 'repeated-char', start, end, message: '' };
        const containing = (f: string) => data.filter((v) => v.length >= 2 && v.includes(f));
        expect(quotedIn(para, x, containing)).toBe(quotedByIndex(para, x, data));
      }),
      { numRuns: 2000 },
    );
  });
});
