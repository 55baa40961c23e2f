// The rectification model, pure: reporting status and overdue against the deadline, grouping by
// responsible unit, Windows-safe and unique file names.
import type { ReportModel } from '../../src/aggregate/model';
import { dateText } from '../../src/aggregate/dates';
import { rectifyModel, reportStatus } from '../../src/rectify/aggregate';
import type { FailingItem } from '../../src/rectify/items';
import { keyOf } from '../../src/rectify/items';
import type { RectifyData } from '../../src/rectify/load';
import { kindsOf } from '../../src/rectify/render';
import { rectifyWording } from '../../src/rectify/wording';

const model = {
  title: '关于某通报',
  docNumber: null,
  issuer: '某中心',
  scope: '全州',
  issued: dateText('2023-11-23'),
  deadline: dateText('2023-11-28'),
  contact: { name: '张三', phone: '1' },
  round: { code: '2023-Q4', year: 2023, quarter: 4, quarterLabel: '第四季度', label: '2023年第四季度' },
} as unknown as ReportModel;

const item = (name: string, unit: string, kind: FailingItem['kind'] = 'weibo'): FailingItem => ({
  kind,
  level: 'department',
  name,
  url: kind === 'site' ? `http://${name}.gov.cn` : null,
  unit,
  kindLabel: kind === 'site' ? '政府网站' : '政务微博',
  failingMonths: kind === 'site' ? [] : ['8月'],
  reasons: [],
  problems: [],
});

function data(entries: [FailingItem, string | null][]): RectifyData {
  return { file: null, entries: new Map(entries.map(([it, reported]) => [keyOf(it), { reported, summary: null, review: '未复查' as const, reviewed: null, path: [] }])) };
}

test.each([
  [null, 'missing'],
  ['2023-11-27', 'on-time'],
  ['2023-11-28', 'on-time'],
  ['2023-11-29', 'late'],
] as const)('reported %s → %s', (reported, status) => {
  expect(reportStatus(reported, '2023-11-28')).toBe(status);
});

test.each([
  // as-of, overdue of a unit that has not reported
  [null, null],
  ['2023-11-28', false],
  ['2023-11-29', true],
] as const)('not reported, as of %s: overdue %s', (asOf, overdue) => {
  const a = item('甲发布', '甲局');
  const m = rectifyModel(model, [a], data([]), rectifyWording(), asOf);
  expect(m.items[0].overdue).toBe(overdue);
  expect(m.counts.overdue).toBe(overdue ? 1 : 0);
});

test('one notice per unit, items grouped in first-named order; names safe on Windows and unique without case', () => {
  const items = [item('a', 'ABC局', 'site'), item('甲发布', '甲局'), item('乙发布', 'abc局'), item('丙发布', '甲局'), item('丁发布', '某局/办公室:1')];
  const m = rectifyModel(model, items, data([[items[1], '2023-11-30']]), rectifyWording());
  expect(m.units.map((u) => [u.name, u.fileName, u.items.map((i) => i.name)])).toEqual([
    ['ABC局', '整改通知 ABC局.docx', ['a']],
    ['甲局', '整改通知 甲局.docx', ['甲发布', '丙发布']],
    ['abc局', '整改通知 abc局（2）.docx', ['乙发布']],
    ['某局/办公室:1', '整改通知 某局／办公室：1.docx', ['丁发布']],
  ]);
  expect(m.items.map((i) => [i.seq, i.name])).toEqual([[1, 'a'], [2, '甲发布'], [3, '丙发布'], [4, '乙发布'], [5, '丁发布']]);
  expect(m.counts).toMatchObject({ items: 5, units: 4, onTime: 0, late: 1, missing: 4 });
  expect(kindsOf(m.units[0])).toBe('政府网站');
  expect(kindsOf(m.units[1])).toBe('政务新媒体');
  expect(kindsOf({ sites: 1, accounts: 2 })).toBe('政府网站和政务新媒体');
});
