// src/edit, property: for random edits on the seed files, the result parses to the edited
// data, and every line the edits do not reach is unchanged. What does not depend on a run (the
// seed files parsed, the line of each value, the data outside each group, the comment lines) is
// worked out once here; each run parses only what the edits produce.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { LineCounter, parse, parseDocument } from 'yaml';
import { applyEdits } from '../../src/edit';
import type { DataFileName, Edit } from '../../src/edit';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const FILES: DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
const text = Object.fromEntries(FILES.map((f) => [f, fs.readFileSync(path.join(SEED, f), 'utf8')])) as Record<DataFileName, string>;
const Y = (t: string) => parse(t, { version: '1.2' });

type P = (string | number)[];
function leaves(v: unknown, p: P = [], out: P[] = []): P[] {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, [...p, Array.isArray(v) ? Number(k) : k], out);
  } else out.push(p);
  return out;
}
/** The seed files parsed once; a run edits its own copy (structuredClone of plain data). */
const PARSED = Object.fromEntries(FILES.map((f) => [f, Y(text[f])])) as Record<DataFileName, unknown>;
const fresh = (f: DataFileName): any => structuredClone(PARSED[f]);
const LEAVES = Object.fromEntries(FILES.map((f) => [f, leaves(PARSED[f])])) as Record<DataFileName, P[]>;

function getIn(v: any, p: P): any {
  return p.reduce((o, k) => o[k], v);
}
function setIn(v: any, p: P, x: unknown): void {
  getIn(v, p.slice(0, -1))[p[p.length - 1]] = x;
}

/** 1-based line of the value at each leaf path of a file, by JSON of the path. */
function linesOf(t: string, paths: P[]): Map<string, number> {
  const lc = new LineCounter();
  const doc = parseDocument(t, { lineCounter: lc, version: '1.2' });
  return new Map(paths.map((p) => [JSON.stringify(p), lc.linePos((doc.getIn(p, true) as { range: [number, number, number] }).range[0]).line]));
}
const LINES = Object.fromEntries(FILES.map((f) => [f, linesOf(text[f], LEAVES[f])])) as Record<DataFileName, Map<string, number>>;
const lineOf = (f: DataFileName, p: P): number => LINES[f].get(JSON.stringify(p))!;

const value = fc.oneof(
  fc.constantFrom('合格', '不合格', '=SUM(A1)', '0855', '1e3', 'true', 'a: b', 'x, y', "it's", ' 空格 ', '多行\n文字', '', '# 注', '2024-01', null),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);

test('scalar sets: parse equals the edited data; only the edited values’ lines differ', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...FILES).chain((f) => fc.tuple(fc.constant(f), fc.array(fc.tuple(fc.constantFrom(...LEAVES[f]), value), { minLength: 1, maxLength: 6 }))),
      ([f, sets]) => {
        const edits: Edit[] = sets.map(([p, v]) => ({ op: 'set', file: f, path: p, value: v }));
        const after = applyEdits(text[f], edits);
        const expected = fresh(f);
        for (const [p, v] of sets) setIn(expected, p, v);
        expect(Y(after)).toEqual(expected);
        const allowed = new Set(sets.map(([p]) => lineOf(f, p)));
        const a = text[f].split('\n');
        const b = after.split('\n');
        expect(b.length).toBe(a.length);
        // every other line unchanged (one expect for the file: the lines that differ, none)
        const changed = a.flatMap((line, i) => (!allowed.has(i + 1) && b[i] !== line ? [{ line: i + 1, before: line, after: b[i] }] : []));
        expect(changed).toEqual([]);
      },
    ),
    { numRuns: 150 },
  );
});

// Units: remove some, add some, rename some, in any order; the original's other lines all
// survive in order (the result minus added lines is the original minus removed units).
const GROUPS: [DataFileName, P][] = [
  ['sites.yaml', ['department']],
  ['sites.yaml', ['county']],
  ['accounts.yaml', ['weibo', 'department']],
  ['accounts.yaml', ['wechat', 'county']],
];
const comments = (t: string) => t.split('\n').filter((l) => l.trim().startsWith('#'));
const COMMENTS = Object.fromEntries(FILES.map((f) => [f, comments(text[f])])) as Record<DataFileName, string[]>;
/** The data with group `g` blanked out: what no edit of the group may change. */
const outside = (d: any, g: P) => {
  setIn(d, g, null);
  return d;
};
const OUTSIDE = new Map(GROUPS.map(([f, g]) => [`${f} ${g.join('.')}`, outside(fresh(f), g)]));
type Op = { kind: 'del' | 'ins' | 'name' | 'problems'; at: number; name: string };
const op = fc.record({ kind: fc.constantFrom<Op['kind']>('del', 'ins', 'name', 'problems'), at: fc.nat(100), name: fc.constantFrom('新单位', '=A1', '0855', 'a: b') });

test('unit edits: parse equals the edited data; untouched lines stay, in order', () => {
  fc.assert(
    fc.property(fc.constantFrom(...GROUPS), fc.array(op, { minLength: 1, maxLength: 5 }), ([f, g], ops) => {
      const expected = fresh(f);
      const edits: Edit[] = [];
      for (const o of ops) {
        const list = getIn(expected, g) as Record<string, unknown>[];
        if (o.kind === 'ins') {
          const at = o.at % (list.length + 1);
          const unit = f === 'sites.yaml' ? { name: o.name, url: 'http://x.gov.cn', result: '合格' } : { name: o.name, owner: '某单位', results: ['合格', '合格', '合格'] };
          list.splice(at, 0, unit);
          edits.push({ op: 'insert', file: f, path: g, index: at, value: unit });
          continue;
        }
        if (!list.length) continue;
        const at = o.at % list.length;
        if (o.kind === 'del') {
          list.splice(at, 1);
          edits.push({ op: 'delete', file: f, path: [...g, at] });
        } else if (o.kind === 'name') {
          list[at].name = o.name;
          edits.push({ op: 'set', file: f, path: [...g, at, 'name'], value: o.name });
        } else {
          list[at].problems = ['栏目更新不及时的问题共计三个', o.name];
          edits.push({ op: 'set', file: f, path: [...g, at, 'problems'], value: list[at].problems });
        }
      }
      const after = applyEdits(text[f], edits);
      const got = Y(after);
      expect(got).toEqual(expected);
      // Every comment line of the original survives, in order.
      expect(comments(after)).toEqual(COMMENTS[f]);
      // Nothing outside the group changes.
      expect(outside(got, g)).toEqual(OUTSIDE.get(`${f} ${g.join('.')}`));
    }),
    { numRuns: 120 },
  );
});
