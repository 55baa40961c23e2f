// The quick reader of sites.yaml/accounts.yaml gives exactly what the yaml package gives,
// or declines (null) and leaves the file to it.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import { locate, parseYamlText, quickScalar } from '../../src/load/yaml-file';
import { fastParse } from '../../src/load/fast-yaml';

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

test('the old path src/import/fast-yaml re-exports the same reader', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('../../src/import/fast-yaml').fastParse).toBe(fastParse);
});

// Random trees of the data shape written in the styles people use (empty values, comments in
// between, lists at the key's indentation, flow lists, CRLF): where the quick reader accepts a
// file, its offsets are the yaml package's node ranges, and locate answers the same either way.
type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { flow: string[] } | { scalar: string } | { empty: string };
const key = fc.constantFrom('name', 'owner', 'results', 'problems', 'url', 'a_b', 'x-y', 'K9');
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((s) => ({ scalar: s })),
    fc.constantFrom('', '  ', '  # 注', ' \t# c').map((e) => ({ empty: e })),
    fc.array(scalar, { maxLength: 3 }).map((f) => ({ flow: f })),
    fc.uniqueArray(fc.tuple(key, tie('t')), { maxLength: 3, selector: ([k]) => k }).map((m) => ({ map: m })),
    fc.array(tie('t'), { maxLength: 3 }).map((s) => ({ seq: s })),
  ),
})).t;

function write(t: Tree, indent: number, sameIndentSeq: boolean, comment: boolean): string[] {
  const pad = ' '.repeat(indent);
  if ('map' in t) {
    const lines: string[] = [];
    for (const [k, v] of t.map) {
      if (comment) lines.push(`${pad}# 说明`);
      if ('scalar' in v) lines.push(`${pad}${k}: ${v.scalar}`);
      else if ('empty' in v) lines.push(`${pad}${k}:${v.empty}`);
      else if ('flow' in v) lines.push(`${pad}${k}: [${v.flow.join(', ')}]`);
      else if ('seq' in v && v.seq.length && sameIndentSeq) lines.push(`${pad}${k}:`, ...write(v, indent, sameIndentSeq, comment));
      else if (('map' in v && v.map.length) || ('seq' in v && v.seq.length)) lines.push(`${pad}${k}:`, ...write(v, indent + 2, sameIndentSeq, comment));
      else lines.push(`${pad}${k}: ${'map' in v ? '{}' : '[]'}`);
    }
    return lines;
  }
  if ('seq' in t) {
    const lines: string[] = [];
    for (const v of t.seq) {
      if ('scalar' in v) lines.push(`${pad}- ${v.scalar}`);
      else if ('empty' in v) lines.push(`${pad}-${v.empty}`);
      else if ('flow' in v) lines.push(`${pad}- [${v.flow.join(', ')}]`);
      else if ('map' in v && v.map.length) {
        const inner = write(v, indent + 2, sameIndentSeq, false);
        lines.push(`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1));
      } else if ('seq' in v && v.seq.length) lines.push(`${pad}-`, ...write(v, indent + 2, sameIndentSeq, comment));
      else lines.push(`${pad}- []`);
    }
    return lines;
  }
  return [];
}

function ranges(doc: any, fast: { positions: WeakMap<object, number[]> | null; data: unknown }): void {
  const walk = (node: any, value: any) => {
    if (isMap(node)) {
      const at = fast.positions!.get(value)!;
      node.items.forEach((p: any, i: number) => {
        expect([at[2 * i], at[2 * i + 1]]).toEqual([p.key.range[0], p.value.range[0]]);
        walk(p.value, value[p.key.value]);
      });
    } else if (isSeq(node)) {
      const at = fast.positions!.get(value)!;
      node.items.forEach((it: any, i: number) => {
        expect(at[i]).toBe(it.range[0]);
        walk(it, value[i]);
      });
    }
  };
  walk(doc.contents, fast.data);
}

function allPaths(v: unknown, base: (string | number)[] = []): (string | number)[][] {
  const out = [base];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...base, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...base, k]));
  return out;
}

test('random files: offsets are the yaml package’s ranges; locate and lint’s scalars are the same with and without the Document', () => {
  let accepted = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 4, selector: ([k]) => k }),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      (top, sameIndentSeq, comment, crlf) => {
        let text = ['# 头', ...write({ map: top }, 0, sameIndentSeq, comment)].join('\n') + '\n';
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const doc = parseDocument(text, { version: '1.2', strict: true, uniqueKeys: true });
        if (doc.errors.length || doc.warnings.length) return;
        const fast = fastParse(text, { positions: true, units: false });
        if (!fast) return;
        accepted++;
        expect(fast.data).toEqual(doc.toJS());
        expect(fast.rootOffset).toBe((doc.contents as any).range[0]);
        ranges(doc, fast);
        const quick = parseYamlText(text, '/x/accounts.yaml', 'accounts.yaml').file;
        const full = parseYamlText(text, '/x/accounts.yaml', 'accounts.yaml').file;
        void full.doc; // built: locate walks the Document from now on
        const paths = allPaths(fast.data);
        paths.push(...paths.map((p) => [...p, 'missing']), ...paths.map((p) => [...p, 7]));
        for (const p of paths) {
          const node = full.doc.getIn(p, true) as any;
          if (isScalar(node) && typeof node.value === 'string') {
            const q = quickScalar(quick, p)!;
            expect([q.value, q.type, q.range![0], q.range![1]]).toEqual([node.value, node.type, node.range![0], node.range![1]]); // [2] (end with trailing comment) is never read
          }
          expect(locate(quick, p)).toEqual(locate(full, p));
          expect(locate(quick, p, 'key')).toEqual(locate(full, p, 'key'));
        }
      },
    ),
    { numRuns: 300 },
  );
  expect(accepted).toBeGreaterThan(100);
});
