// The round's quarter and how titles name it (quarter.ts); the rules themselves are exercised by
// the bad-data cases stale-quarter*, months-after-inspection and title-without-quarter.
import { parseYamlText, toData } from '../../src/load/yaml-file';
import { quarterOf, quartersNamed } from '../../src/validate/quarter';
import { runRules } from '../../src/validate/rules';

test.each([
  ['2023-Q4', '2023年第四季度', '2023-10', '2023-12'],
  ['2024-Q1', '2024年第一季度', '2024-01', '2024-03'],
  ['2024-Q2', '2024年第二季度', '2024-04', '2024-06'],
])('%s is %s, %s to %s', (round, label, first, last) => {
  const q = quarterOf(round)!;
  expect(q.label).toBe(label);
  const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  expect([ym(q.first), ym(q.last)]).toEqual([first, last]);
});

test.each(['2024-Q5', '2024Q1', '24-Q1', 2024, null])('%p is no round', (round) => {
  expect(quarterOf(round)).toBeNull();
});

test.each([
  ['关于2024年第一季度全州政府网站检查情况的通报', [[2, 2024, 1]]],
  ['关于2024年一季度检查情况的通报', [[2, 2024, 1]]],
  ['2023年第4季度和2024年 第 一 季度', [[0, 2023, 4], [10, 2024, 1]]],
  ['关于全州政府网站检查情况的通报', []],
  ['2024年上半年', []],
  ['2024年度第一季度', [[0, 2024, 1]]],
])('%s names %j', (text, want) => {
  expect(quartersNamed(text).map((x) => [x.at, x.year, x.quarter])).toEqual(want);
});

describe('quarterRules on notice.yaml text', () => {
  function problems(fields: string): string[] {
    const text = `round: 2024-Q1\ninspection: {from: 2024-04-08, to: 2024-04-12}\nissued: 2024-04-15\ndeadline: 2024-04-30\n${fields}`;
    const { file } = parseYamlText(text, '/r/notice.yaml', 'notice.yaml');
    const data = toData(file).data as Record<string, unknown>;
    return runRules({ notice: { file, data } }).map((d) => `${d.line}:${d.col} ${d.message}`);
  }

  test.each([
    ['title: 关于2024年第一季度检查情况的通报\nmonths: [2024-01, 2024-02, 2024-03]', []],
    ['title: 关于2024年一季度检查情况暨2023年第四季度整改情况的通报\nmonths: [2024-01, 2024-02, 2024-03]', []],
    ['months: [2023-10, 2023-11, 2023-12]', []],
    ['months: [2024-02, 2024-03, 2024-04]', ['5:28 检查月份 2024-04 不在本轮的范围内：本轮是2024年第一季度（2024-Q1），检查月份应在 2023-10 至 2024-03 之间（本季度或上一季度的月份）']],
    ['title: "关于 2023年第四季度 的通报"\nmonths: [2024-01]', ['5:12 标题写的是“2023年第四季度”，但本轮是2024年第一季度（2024-Q1）：标题应写“2024年第一季度”']],
  ])('%s', (fields, want) => {
    expect(problems(fields as string)).toEqual(want);
  });
});
