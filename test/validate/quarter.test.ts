// The round's quarter and how titles name it (quarter.ts); the rules themselves are exercised by
// the bad-data cases stale-quarter*, months-after-inspection and title-without-quarter.
import { quarterOf, quartersNamed } from '../../src/validate/quarter';

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
])('%s names %j', (text, want) => {
  expect(quartersNamed(text).map((x) => [x.at, x.year, x.quarter])).toEqual(want);
});
