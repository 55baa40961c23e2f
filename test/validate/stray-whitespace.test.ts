// The server validates again after each edit through a memo that skips units known to be quiet:
// a name edited to carry stray whitespace, or to repeat another once trimmed, is still reported.
import * as path from 'path';
import { loadRound } from '../../src/load/round';
import { createValidateMemo, validateRound } from '../../src/validate';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

test('with the memo: trailing U+3000 and a duplicate that differs only by it, after an edit', () => {
  const loaded = loadRound(SEED);
  const memo = createValidateMemo();
  expect(validateRound(loaded, memo).diagnostics).toEqual([]);
  const sites = loaded.data.sites as Record<string, Record<string, unknown>[]>;
  // an edit replaces the unit's object (src/serve/window.ts)
  sites.department[1] = { ...sites.department[1], name: '州发展改革委\u3000' };
  const messages = validateRound(loaded, memo).diagnostics.map((d) => d.message);
  expect(messages).toEqual([
    '网站名称“州发展改革委”在州直部门网站中重复（第一次出现在第 6 行）',
    '网站名称“州发展改革委　”末尾有多余的空白（全角空格），会使同一单位在各轮、各工作簿中对不上：请删去，是不是“州发展改革委”？',
  ]);
});
