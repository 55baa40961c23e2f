// Findings land on the line and column of the offending character in the YAML file, whatever
// the scalar style (plain, "double", 'single', |literal, >folded).
import * as path from 'path';
import { isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import { loadRound } from '../../src/load/round';
import { parseYamlText } from '../../src/load/yaml-file';
import { lintRound } from '../../src/lint/round';
import { scalarSpans } from '../../src/lint/source';

const PLANTED = path.join(__dirname, 'fixtures', 'planted');

function planted() {
  const r = loadRound(PLANTED, process.cwd());
  expect(r.diagnostics).toEqual([]);
  return { notice: r.files.notice!, sites: r.files.sites, accounts: r.files.accounts };
}

test('every planted mistake is reported at its line and column with its rule, and nothing else', () => {
  const found = lintRound(planted()).map((d) => [path.basename(d.file), d.line, d.col, d.rule]);
  expect(found).toEqual([
    ['accounts.yaml', 8, 17, 'spacing'], // 榕江县 人民政府办公室
    ['notice.yaml', 8, 18, 'doc-number'], // 黔东南政信[2023]第05号
    ['notice.yaml', 9, 15, 'half-width-punct'], // 各县(市)
    ['notice.yaml', 9, 17, 'half-width-punct'],
    ['notice.yaml', 26, 14, 'heading-form'], // （一）信息更新不及时。
    ['notice.yaml', 27, 27, 'half-width-punct'], // (含5个)
    ['notice.yaml', 27, 31, 'half-width-punct'],
    ['notice.yaml', 27, 39, 'half-width-punct'], // 网站,应更新
    ['notice.yaml', 28, 21, 'heading-form'], // no 。
    ['notice.yaml', 29, 29, 'quotes'], // \"三审三校\" inside a double-quoted scalar
    ['notice.yaml', 29, 35, 'quotes'],
    ['notice.yaml', 29, 40, 'repeated-char'], // 的的
    ['notice.yaml', 32, 24, 'ellipsis-dash'], // ... in a folded block
    ['notice.yaml', 36, 13, 'unbalanced-pair'], // 各县（市、
    ['notice.yaml', 36, 28, 'date-mismatch'], // 于２０２３年11月8日前 (deadline is 11月28日)
    ['notice.yaml', 36, 28, 'fullwidth-digits'],
    ['notice.yaml', 36, 43, 'repeated-char'], // 。。
    ['notice.yaml', 39, 9, 'date-mismatch'], // 请于2023年12月5日前, in a literal block
    ['notice.yaml', 39, 28, 'terms'], // 帐号
    ['notice.yaml', 39, 35, 'ellipsis-dash'], // --
    ['notice.yaml', 39, 42, 'spacing'], // a line break inside the text prints as a space
    ['notice.yaml', 42, 18, 'date-format'], // 2023-11-28 in a single-quoted scalar
    ['notice.yaml', 42, 29, 'date-format'], // 二〇二三年十一月二十八日
    ['notice.yaml', 42, 47, 'spacing'], // 信息 审核
    ['sites.yaml', 9, 23, 'half-width-punct'], // 6个,空白栏目
  ]);
});

test('the output line carries the file as given, the rule, the message and the suggestion', () => {
  const [first] = lintRound(planted()).filter((d) => d.rule === 'terms');
  expect(first.file).toBe(path.relative(process.cwd(), path.join(PLANTED, 'notice.yaml')));
  expect(first.severity).toBe('warning');
  expect(first.message).toBe('“帐号”应写作“账号”：记账、账目义写“账”，“帐”用于帐篷、蚊帐（现汉7）');
  expect(first.suggestion).toBe('改为“账号”');
});

function scalar(text: string, key: string): Scalar {
  const { file } = parseYamlText(text, '/x.yaml', 'x.yaml');
  const node = file.doc.get(key, true);
  if (!isScalar(node)) throw new Error('not a scalar');
  return node;
}

/** The source character of each value character, to compare with the value itself. */
function sourceChars(text: string, key: string): string {
  const node = scalar(text, key);
  return scalarSpans(text, node)
    .map((s) => (s ? text.slice(s.s, s.e) : '?'))
    .join('|');
}

describe('scalarSpans', () => {
  test('plain', () => {
    expect(sourceChars('a: 甲乙,丙\n', 'a')).toBe('甲|乙|,|丙');
  });
  test('plain over two lines: the folded space is the line break', () => {
    expect(sourceChars('a: 甲乙\n  丙丁\n', 'a')).toBe('甲|乙|\n|丙|丁');
  });
  test('double-quoted with escapes', () => {
    expect(sourceChars('a: "甲\\"乙\\"丙"\n', 'a')).toBe('甲|\\"|乙|\\"|丙');
  });
  test('single-quoted with a doubled quote', () => {
    expect(sourceChars("a: '甲''乙'\n", 'a')).toBe("甲|''|乙");
  });
  test('literal block', () => {
    expect(sourceChars('a: |-\n  甲乙\n  丙\nb: 1\n', 'a')).toBe('甲|乙|\n|丙');
  });
  test('folded block', () => {
    expect(sourceChars('a: >-\n  甲乙\n  丙\n', 'a')).toBe('甲|乙|\n|丙');
  });
  test('an escape it cannot follow leaves the rest unplaced', () => {
    expect(sourceChars('a: "甲\\u4e59丙"\n', 'a')).toBe('甲|?|?');
  });
});

test('a space YAML made out of a line break is explained as such', () => {
  const text = 'problems:\n  - heading: 信息更新不及时。\n    text: 动态类栏目\n      更新不及时。\n';
  const { file } = parseYamlText(text, '/d/notice.yaml', 'notice.yaml');
  const found = lintRound({ notice: file }, {}, undefined, { terms: { terms: [], allow: [] } });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ rule: 'spacing', line: 3, col: 16 });
  expect(found[0].message).toContain('换行');
});

test('a finding in an unplaceable part of a scalar falls back to the scalar start', () => {
  const text = 'title: "\\u4e00份通报的的"\n';
  const { file } = parseYamlText(text, '/d/notice.yaml', 'notice.yaml');
  const found = lintRound({ notice: file }, {}, undefined, { terms: { terms: [], allow: [] } });
  expect(found.map((d) => [d.rule, d.line, d.col])).toEqual([['repeated-char', 1, 8]]);
});
