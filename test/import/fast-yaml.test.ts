// The quick reader of sites.yaml/accounts.yaml gives exactly what the yaml package gives,
// or declines (null) and leaves the file to it.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { fastParse } from '../../src/import/fast-yaml';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const Y = (t: string) => parse(t, { version: '1.2' });

test.each(['sites.yaml', 'accounts.yaml'])('the seed %s: same values; each unit’s span is its own lines', (f) => {
  const text = fs.readFileSync(path.join(SEED, f), 'utf8');
  const r = fastParse(text)!;
  expect(r).not.toBeNull();
  expect(r.data).toEqual(Y(text));
  for (const u of r.units) {
    const slice = text.slice(u.start, u.end);
    expect(slice).toMatch(/^ *- name: /);
    expect(Y(slice)).toEqual([u.path.reduce((o: any, k) => o[k], r.data)]);
  }
  expect(r.units.length).toBe(f === 'sites.yaml' ? 50 : 75);
  // CRLF and a BOM: same values, spans shifted by the BOM
  const crlf = '\ufeff' + text.replace(/\n/g, '\r\n');
  const c = fastParse(crlf)!;
  expect(c.data).toEqual(Y(crlf.slice(1)));
  expect(crlf.slice(c.units[3].start, c.units[3].end)).toBe(text.slice(r.units[3].start, r.units[3].end).replace(/\n/g, '\r\n'));
});

test.each([
  ['a: &x 1\nb: *x\n'],
  ['a: |\n  text\n'],
  ['a: >\n  text\n'],
  ['a: {b: 1}\n'],
  ['a: b\n  c\n'],
  ['a: 1\na: 2\n'],
  ['a:\n\t- b\n'],
  ['--- \na: 1\n'],
  ['a: "x\n  y"\n'],
  ['a: !!str 1\n'],
  ['a: [b, [c]]\n'],
  ['"a": 1\n'],
  ['a: b: c\n'],
])('declines %j', (text) => {
  expect(fastParse(text)).toBeNull();
});

const scalar = fc.oneof(
  fc.constantFrom('合格', '不合格', '~', 'null', 'true', 'False', '0855', '12', '-3', '1.5', '1e3', '.inf', '0x1F', '0o17', 'yes', '2024-01', 'http://a.gov.cn/?a=1#x', 'a#b', '中文 文字'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`),
);

test('random files of the data shape: the same values as the yaml package, whenever it does not decline', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ name: scalar, results: fc.array(scalar, { maxLength: 3 }), problems: fc.option(fc.array(scalar, { minLength: 1, maxLength: 2 })), comment: fc.boolean() }), { maxLength: 4 }),
      (units) => {
        const lines = ['# 头', 'weibo:', '  department:'];
        if (!units.length) lines[2] += ' []';
        for (const u of units) {
          lines.push(`    - name: ${u.name}${u.comment ? '  # 注' : ''}`, `      results: [${u.results.join(', ')}]`);
          if (u.problems) lines.push('      problems:', ...u.problems.map((p) => `        - ${p}`));
        }
        lines.push('  county:', '', 'wechat: ~');
        const text = lines.join('\n') + '\n';
        let expected: unknown;
        try {
          expected = parse(text, { version: '1.2', strict: true, uniqueKeys: true });
        } catch {
          return; // not YAML at all: the full parser reports it
        }
        const r = fastParse(text);
        if (r) expect(r.data).toEqual(expected);
      },
    ),
    { numRuns: 400 },
  );
});
