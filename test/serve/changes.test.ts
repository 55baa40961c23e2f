// The change list shows real differences only, and a rename as a rename.
import { changeLines, visible } from '../../src/serve/changes';

describe('change list', () => {
  test.each([
    ['a line whose two sides read the same is dropped', ['通报附件1 第 2 行：结果 合格 → 合格'], []],
    ['only the parts that differ are kept', ['通报附件1 第 2 行：结果 合格 → 合格，网址 a.cn → b.cn'], ['通报附件1 第 2 行：网址 a.cn → b.cn']],
    ['a real change stays', ['县（市）网站　东区　修改　结果：合格 → 不合格'], ['县（市）网站　东区　修改　结果：合格 → 不合格']],
    ['a line without an arrow stays', ['sites.yaml 新增'], ['sites.yaml 新增']],
  ])('%s', (_what, lines, want) => {
    expect(visible(lines)).toEqual(want);
  });

  test('a unit removed and one added with the same details is a rename', () => {
    const lines = changeLines([
      { area: '州直部门网站', unit: '新名称', change: 'added', new: '新名称 https://a.example 合格' },
      { area: '州直部门网站', unit: '旧名称', change: 'removed', old: '旧名称 https://a.example 合格' },
      { area: '县（市）网站', unit: '东区', change: 'changed', field: '结果', old: '合格', new: '不合格' },
    ]);
    expect(lines).toEqual(['州直部门网站　旧名称 → 新名称　改名', '县（市）网站　东区　修改　结果：合格 → 不合格']);
  });

  test('the only removed and added unit of a table are a rename, with what else changed', () => {
    expect(changeLines([
      { area: '县（市）政务微信', unit: '乙', change: 'added', new: '乙 主办 B' },
      { area: '县（市）政务微信', unit: '甲', change: 'removed', old: '甲 主办 A' },
    ])).toEqual(['县（市）政务微信　甲 → 乙　改名（甲 主办 A → 乙 主办 B）']);
  });

  test('two added and one removed with nothing in common stay as they are', () => {
    const lines = changeLines([
      { area: 'X', unit: '乙', change: 'added', new: '乙 1' },
      { area: 'X', unit: '丙', change: 'added', new: '丙 2' },
      { area: 'X', unit: '甲', change: 'removed', old: '甲 3' },
    ]);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/新增[\s\S]*新增[\s\S]*删除/);
  });
});
