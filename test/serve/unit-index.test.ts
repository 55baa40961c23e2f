// The unit index (src/serve/unit-index.ts): the line scan finds the units the quick reader
// finds (same paths, same spans), their byte offsets are the file's, and after edits the
// moved index is the index of the new text.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeNationalRound } from '../../bench/serve-round';
import { fastParse } from '../../src/load/fast-yaml';
import { buildUnitIndex, moveUnits, scanUnits, spliceText, unitAt } from '../../src/serve/unit-index';
import type { UnitIndex } from '../../src/serve/unit-index';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

/** The quick reader's units at `depth`, in text order. */
function quickUnits(text: string, depth: number) {
  const r = fastParse(text, { units: true });
  if (!r) throw new Error('not a quick-read text');
  return r.units.filter((u) => u.path.length === depth).sort((a, b) => a.start - b.start);
}

/** The index says of every unit what the quick reader says, and its bytes are the encoded text's. */
function expectIndexOf(ix: UnitIndex, text: string, depth: number, bom: boolean) {
  const us = quickUnits(text, depth);
  expect(ix.starts.length).toBe(us.length);
  const bytes = Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  us.forEach((u, i) => {
    expect(unitAt(ix, u.path)).toBe(i);
    expect([ix.starts[i], ix.ends[i]]).toEqual([u.start, u.end]);
    expect(bytes.toString('utf8', ix.bytes[i], ix.byteEnds[i])).toBe(text.slice(u.start, u.end));
  });
}

const ACC = (body: string) => `# 注释\nweibo:\n  department:\n${body}  county: []\nwechat:\n  county:\n  - name: 紧凑写法\n    results: [合格]\n`;

const CASES: [string, string, number, boolean][] = [
  ['the seed accounts', fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8'), 3, true],
  ['the seed sites', fs.readFileSync(path.join(SEED, 'sites.yaml'), 'utf8'), 2, true],
  ['comments and blank lines inside and between units', ACC('    - name: 甲\n\n      # 说明\n      owner: 乙\n    # 单位之间的注释\n\n    - name: 丙\n      results: [合格, 不合格]\n      # 末尾的注释\n'), 3, true],
  ['nested lists inside units, extra spaces after the dash', ACC('    -   name: 甲\n        problems:\n          - 一\n          - 二\n    - name: 乙\n      problems:\n      - 三\n'), 3, true],
  ['scalar items among units', 'county:\n  - 纯文字\n  - name: 甲\n    result: 合格\n  - null\n  - name: 乙\n', 2, true],
  ['CRLF line ends, no newline at the end', 'department:\r\n  - name: 甲\r\n    result: 合格\r\ncounty:\r\n  - name: 乙\r\n    result: 不合格', 2, true],
  ['other keys above and beside the lists', 'note: 说明\ndepartment:\n  - name: 甲\nextra: 1\ncounty: []\n', 2, true],
  ['a list above the units (the scan leaves it to the quick reader)', '- county:\n  - name: 甲\n  - name: 乙\n- county: []\n', 3, false],
  ['units deeper than the index looks', 'weibo:\n  county:\n    more:\n      - name: 甲\n', 3, false],
];

describe('the line scan finds the quick reader\'s units', () => {
  test.each(CASES)('%s', (_what, text, depth, scans) => {
    const found = scanUnits(text, depth);
    expect(found !== null).toBe(scans);
    for (const bom of [false, true]) {
      const ix = buildUnitIndex(text, depth, bom)!;
      expectIndexOf(ix, text, depth, bom);
    }
  });

  test('a generated round of 2,000 accounts and 300 sites', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-unit-index-'));
    try {
      writeNationalRound(dir, SEED, { sites: 300, accounts: 2000 });
      for (const [f, depth] of [['accounts.yaml', 3], ['sites.yaml', 2]] as const) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        expect(scanUnits(text, depth)).not.toBeNull();
        expectIndexOf(buildUnitIndex(text, depth, false)!, text, depth, false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('after edits (past the rope\'s joining), the moved index is the index of the new text', () => {
  let text = fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8');
  const ix = buildUnitIndex(text, 3, false)!;
  const n = ix.starts.length;
  for (let k = 0; k < 300; k++) {
    // one or two units each time, growing or shrinking, lines added and removed
    const units = k % 3 === 0 ? [(k * 7) % n, (k * 13 + 5) % n] : [(k * 11) % n];
    const patches = [...new Set(units)]
      .sort((a, b) => a - b)
      .map((u) => {
        const old = text.slice(ix.starts[u], ix.ends[u]);
        const first = old.indexOf('\n') + 1;
        const next = old.includes('      note: ')
          ? old.replace(/ {6}note: [^\n]*\n/, '')
          : k % 2
            ? `${old.slice(0, first)}      note: 备注${k}\n${old.slice(first)}`
            : old.replace('name: ', 'name: 新');
        return { unit: u, start: ix.starts[u], end: ix.ends[u], text: next, old };
      });
    const { text: spliced, pieces } = spliceText(ix, patches);
    let expected = '';
    let cut = 0;
    for (const p of patches) {
      expected += text.slice(cut, p.start) + p.text;
      cut = p.end;
    }
    expected += text.slice(cut);
    expect(spliced).toBe(expected);
    expect(pieces.join('')).toBe(expected);
    moveUnits(
      ix,
      patches.map((p) => ({ unit: p.unit, chars: p.text.length - p.old.length, bytes: Buffer.byteLength(p.text) - Buffer.byteLength(p.old) })),
      spliced,
      pieces,
    );
    text = expected;
    expect(pieces.length).toBeLessThanOrEqual(257);
  }
  const fresh = buildUnitIndex(text, 3, false)!;
  expect([...ix.starts]).toEqual([...fresh.starts]);
  expect([...ix.ends]).toEqual([...fresh.ends]);
  expect([...ix.bytes]).toEqual([...fresh.bytes]);
  expect([...ix.byteEnds]).toEqual([...fresh.byteEnds]);
  expect(ix.lists).toEqual(fresh.lists);
  expectIndexOf(ix, text, 3, false);
});
