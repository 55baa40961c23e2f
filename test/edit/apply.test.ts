// src/edit: edits change only the edited values' text; everything else stays byte for byte.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { applyEdits, EditError } from '../../src/edit';
import type { Edit } from '../../src/edit';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const seed = (f: string) => fs.readFileSync(path.join(SEED, f), 'utf8');
const Y = (t: string) => parse(t, { version: '1.2' });

/** Lines of `after` that differ from `before`, as [-old, +new] (a plain line diff). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { removed: a.slice(s, ea), added: b.slice(s, eb) };
}

const set = (path: (string | number)[], value: unknown, more: { comment?: string; after?: string } = {}): Edit => ({ op: 'set', file: 'accounts.yaml', path, value, ...more });

describe('set', () => {
  const cases: [string, string, Edit[], string][] = [
    ['a month in a flow list', 'r: [合格, 合格, 合格] # 8-10月\n', [set(['r', 1], '不合格')], 'r: [合格, 不合格, 合格] # 8-10月\n'],
    ['a plain scalar, comment kept', 'a: 1  # note\nb: x\n', [set(['b'], 'z')], 'a: 1  # note\nb: z\n'],
    ['quoting kept', 'phone: "8235320"\n', [set(['phone'], '8235321')], 'phone: "8235321"\n'],
    ['single quoting kept', "t: 'a'\n", [set(['t'], "it's")], "t: 'it''s'\n"],
    ['a formula-looking string is quoted', 'p: x\n', [set(['p'], '=SUM(A1)')], 'p: "=SUM(A1)"\n'],
    ['a number-looking string is quoted', 'p: x\n', [set(['p'], '0855')], 'p: "0855"\n'],
    ['a boolean-looking string is quoted', 'p: x\n', [set(['p'], 'true')], 'p: "true"\n'],
    ['a colon-space string is quoted', 'p: x\n', [set(['p'], 'a: b')], 'p: "a: b"\n'],
    ['a comma in a flow list is quoted', 'r: [a, b]\n', [set(['r', 0], 'x, y')], 'r: ["x, y", b]\n'],
    ['a date stays plain', 'd: 2023-11-23\n', [set(['d'], '2024-02-20')], 'd: 2024-02-20\n'],
    ['a to-fill marker goes when filled', 'd: ~  # 待填写\ne: 1\n', [set(['d'], '2024-02-20')], 'd: 2024-02-20\ne: 1\n'],
    ['an empty value is filled', 'd:\ne: 1\n', [set(['d'], 'x')], 'd: x\ne: 1\n'],
    ['set to null', 'd: 2023-11-23 # c\n', [set(['d'], null)], 'd: ~ # c\n'],
    ['a missing key is added after the last', 'u:\n  name: a\n  url: b\n# next\nv: 1\n', [set(['u', 'owner'], 'c')], 'u:\n  name: a\n  url: b\n  owner: c\n# next\nv: 1\n'],
    ['a missing list is added in block form', 'u:\n  name: a\n', [set(['u', 'problems'], ['一个很长的问题描述文字超过十二个字'])], 'u:\n  name: a\n  problems:\n    - 一个很长的问题描述文字超过十二个字\n'],
    ['a short list is added in flow form', 'u:\n  name: a\n', [set(['u', 'results'], ['合格', '不合格'])], 'u:\n  name: a\n  results: [合格, 不合格]\n'],
    ['a list is set item by item', 'r: [a, b, c]\n', [set(['r'], ['a', 'x', 'c'])], 'r: [a, x, c]\n'],
    ['a mapping is set key by key', 'u:\n  a: 1 # one\n  b: 2\n', [set(['u'], { a: 1, b: 3 })], 'u:\n  a: 1 # one\n  b: 3\n'],
    ['a block list replaced by an empty list', 'u:\n  p:\n    - a\n    - b\n  q: 1\n', [set(['u', 'p'], [])], 'u:\n  p: []\n  q: 1\n'],
    ['a scalar replaced by a block list', 'u:\n  p: ~\n  q: 1\n', [set(['u', 'p'], ['一个很长的问题描述文字超过十二个字'])], 'u:\n  p:\n    - 一个很长的问题描述文字超过十二个字\n  q: 1\n'],
    ['a flow map value', 'c: {a: 1, b: 2}\n', [set(['c', 'b'], 3)], 'c: {a: 1, b: 3}\n'],
    ['a key added to a flow map', 'c: {a: 1}\n', [set(['c', 'b'], 2)], 'c: {a: 1, b: 2}\n'],
    ['no newline at the end of the file', 'a: 1\nb: 2', [set(['c'], 3)], 'a: 1\nb: 2\nc: 3'],
    ['two edits of one value: the later wins', 'a: 1\n', [set(['a'], 2), set(['a'], 3)], 'a: 3\n'],
    ['a key added, then a value inside it', 'a: 1\n', [set(['b'], { x: 1 }), set(['b', 'x'], 2)], 'a: 1\nb:\n  x: 2\n'],
    ['a value with a marker comment', 'd: 2023-11-23\ne: 1\n', [set(['d'], null, { comment: '待填写' })], 'd: ~  # 待填写\ne: 1\n'],
    ['a comment replaced, its spacing kept', 'd: 1 # 旧\n', [set(['d'], 1, { comment: '新' })], 'd: 1 # 新\n'],
    ['a key added after a given key, with a comment', 'a: 1\nb: 2\nc: 3\n', [set(['x'], null, { after: 'a', comment: '待填写' })], 'a: 1\nx: ~  # 待填写\nb: 2\nc: 3\n'],
    ['same value: no change', 'a: 合格\n', [set(['a'], '合格')], 'a: 合格\n'],
  ];
  test.each(cases)('%s', (_name, before, edits, after) => {
    expect(applyEdits(before, edits)).toBe(after);
  });
});

describe('delete and insert', () => {
  const unitList = 'department:\n  # 第一组\n  - name: a\n    r: [合格]\n  - name: b # 注\n    r: [合格]\n# 县\ncounty: []\n';
  const cases: [string, string, Edit[], string][] = [
    ['delete a unit', unitList, [{ op: 'delete', file: 'sites.yaml', path: ['department', 0] }], 'department:\n  # 第一组\n  - name: b # 注\n    r: [合格]\n# 县\ncounty: []\n'],
    ['delete the last unit', unitList, [{ op: 'delete', file: 'sites.yaml', path: ['department', 1] }], 'department:\n  # 第一组\n  - name: a\n    r: [合格]\n# 县\ncounty: []\n'],
    ['delete every unit leaves []', 'd:\n  - a\n  - b\ne: 1\n', [{ op: 'delete', file: 'sites.yaml', path: ['d', 0] }, { op: 'delete', file: 'sites.yaml', path: ['d', 0] }], 'd: []\ne: 1\n'],
    ['delete a key', 'u:\n  a: 1\n  p:\n    - x\n  b: 2\n', [{ op: 'delete', file: 'sites.yaml', path: ['u', 'p'] }], 'u:\n  a: 1\n  b: 2\n'],
    ['delete from a flow list', 'r: [a, b, c]\n', [{ op: 'delete', file: 'sites.yaml', path: ['r', 1] }], 'r: [a, c]\n'],
    ['delete the last of a flow list', 'r: [a, b, c]\n', [{ op: 'delete', file: 'sites.yaml', path: ['r', 2] }], 'r: [a, b]\n'],
    ['insert a unit at the end', unitList, [{ op: 'insert', file: 'sites.yaml', path: ['department'], value: { name: 'c', r: ['合格'] } }], 'department:\n  # 第一组\n  - name: a\n    r: [合格]\n  - name: b # 注\n    r: [合格]\n  - name: c\n    r: [合格]\n# 县\ncounty: []\n'],
    ['insert a unit first', unitList, [{ op: 'insert', file: 'sites.yaml', path: ['department'], index: 0, value: { name: 'c' } }], 'department:\n  # 第一组\n  - name: c\n  - name: a\n    r: [合格]\n  - name: b # 注\n    r: [合格]\n# 县\ncounty: []\n'],
    ['insert into an empty [] group', unitList, [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: { name: 'k', url: 'http://k.gov.cn' } }], 'department:\n  # 第一组\n  - name: a\n    r: [合格]\n  - name: b # 注\n    r: [合格]\n# 县\ncounty:\n  - name: k\n    url: http://k.gov.cn\n'],
    ['insert into a flow list', 'r: [a, b]\n', [{ op: 'insert', file: 'sites.yaml', path: ['r'], index: 1, value: 'x' }], 'r: [a, x, b]\n'],
    ['insert at the end of a flow list', 'r: [a]\n', [{ op: 'insert', file: 'sites.yaml', path: ['r'], value: 'x' }], 'r: [a, x]\n'],
    ['insert then set the inserted item', 'd:\n  - a\n', [{ op: 'insert', file: 'sites.yaml', path: ['d'], value: 'b' }, set(['d', 1], 'c')], 'd:\n  - a\n  - c\n'],
  ];
  test.each(cases)('%s', (_name, before, edits, after) => {
    expect(applyEdits(before, edits)).toBe(after);
  });
});

describe('bytes around the edit', () => {
  test('CRLF line endings and a BOM are kept, also in added lines', () => {
    const before = '\ufeff# 注释\r\nu:\r\n  name: a\r\n  r: [合格, 合格]\r\n';
    const after = applyEdits(before, [set(['u', 'r', 0], '不合格'), set(['u', 'owner'], 'b')]);
    expect(after).toBe('\ufeff# 注释\r\nu:\r\n  name: a\r\n  r: [不合格, 合格]\r\n  owner: b\r\n');
  });

  test('the seed accounts: one month changed touches one line, by those characters only', () => {
    const before = seed('accounts.yaml');
    const after = applyEdits(before, [set(['weibo', 'county', 1, 'results', 2], '合格')]);
    expect(changedLines(before, after)).toEqual({
      removed: ['      results: [合格, 合格, 不合格]'],
      added: ['      results: [合格, 合格, 合格]'],
    });
  });

  test('strings that look like other things come back as the same strings', () => {
    const tricky = ['=SUM(A1)', '+86', '-1', '@x', '0855', '1e3', '0x1F', 'null', '~', 'yes', 'No', '12:30', '# x', 'a #b', 'a: b', '[a]', '{a}', "it's", 'a "q"', ' 两端空格 ', '', '多行\n文字', '\t', '2024-01', 'http://a.gov.cn/?a=1#x', '&a', '*a', '!t', '|', '>', '%x', '`x`', '合格'];
    for (const v of tricky) {
      for (const before of ['v: x\n', 'v: [x]\n', "v: 'x'\n", 'v: "x"\n']) {
        const p = before.includes('[') ? ['v', 0] : ['v'];
        const after = applyEdits(before, [set(p, v)]);
        const got = Y(after).v;
        expect(before.includes('[') ? got[0] : got).toBe(v);
      }
    }
  });

  test('a path that does not exist is an EditError in Chinese', () => {
    expect(() => applyEdits(seed('sites.yaml'), [{ op: 'set', file: 'sites.yaml', path: ['county', 999, 'result'], value: '合格' }])).toThrow(
      new EditError('无法修改 sites.yaml：county › 第 1000 项 不存在'),
    );
    expect(() => applyEdits(seed('sites.yaml'), [{ op: 'insert', file: 'sites.yaml', path: ['county', 0, 'name'], value: 'x' }])).toThrow(EditError);
    expect(() => applyEdits('a: [\n', [set(['a'], 1)])).toThrow(/YAML 语法错误/);
  });
});
