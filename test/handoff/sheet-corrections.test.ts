// Corrected rows between two printed annex sheets, named as the reader finds them.
import { sheetCorrections } from '../../src/handoff/corrections';
import type { PrintedSheet } from '../../src/handoff/corrections';

const header = ['序号', '名称', '主办单位', '8月更新情况', '问题曝光情况'];
const sheet = (groups: [string, string[][]][]): PrintedSheet => ({ label: '附件2', header, groups: groups.map(([title, rows]) => ({ title, rows })) });
const A = ['1', '甲', '甲局', '合格', ''];
const B = ['2', '乙', '乙局', '不合格', '首页栏目长期未更新\n互动栏目未回复'];
const C = ['3', '丙', '丙局', '合格', ''];

test.each<[string, PrintedSheet, PrintedSheet, string[]]>([
  ['a cell changed', sheet([['（一）州直部门政务微博更新情况', [A, B, C]]]), sheet([['（一）州直部门政务微博更新情况', [A, ['2', '乙', '乙州局', '不合格', '首页栏目长期未更新\n互动栏目未回复'], C]]]), ['附件2（一）州直部门政务微博更新情况 序号 2（乙）：主办单位 乙局 → 乙州局']],
  [
    'two cells of one row, a line break shown as ；, an empty cell as （空）',
    sheet([['（一）', [A, B]]]),
    sheet([['（一）', [A, ['2', '乙', '乙局', '合格', '']]]]),
    ['附件2（一） 序号 2（乙）：8月更新情况 不合格 → 合格，问题曝光情况 首页栏目长期未更新；互动栏目未回复 → （空）'],
  ],
  ['a row removed: the rows after it keep their names though renumbered', sheet([['（一）', [A, B, C]]]), sheet([['（一）', [A, ['2', '丙', '丙局', '合格', '']]]]), ['附件2（一） 序号 2（乙）：删去：乙 乙局 不合格 首页栏目长期未更新；互动栏目未回复']],
  ['a group gains its first row (the 无 row goes)', sheet([['县（市）网站', [['无']]]]), sheet([['县（市）网站', [['1', '凯里市', 'http://www.kaili.gov.cn', '合格', '']]]]), ['附件2 县（市）网站 序号 1（凯里市）：新增：凯里市 http://www.kaili.gov.cn 合格 （空）']],
  ['nothing changed', sheet([['（一）', [A, B]]]), sheet([['（一）', [A, B]]]), []],
])('%s', (_name, before, after, expected) => {
  expect(sheetCorrections(before, after).map((c) => `${c.where}：${c.change}`)).toEqual(expected);
});
