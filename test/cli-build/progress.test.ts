// Progress shows on a terminal only.
import { createProgress } from '../../src/cli/progress';

test('silent when stderr is not a terminal', () => {
  const written: string[] = [];
  const p = createProgress({ isTTY: false }, (s) => written.push(s));
  p.step('生成通报', 1, 3);
  p.end();
  expect(written).toEqual([]);
});

test('one self-rewriting line on a terminal, cleared at the end', () => {
  const written: string[] = [];
  const p = createProgress({ isTTY: true }, (s) => written.push(s), () => 80);
  p.step('生成通报', 2, 5);
  p.step('转换 PDF：附件1.xlsx', 3, 5);
  p.end();
  expect(written).toEqual(['\r\x1b[K[2/5] 生成通报…', '\r\x1b[K[3/5] 转换 PDF：附件1.xlsx…', '\r\x1b[K']);
});

test('a long label is cut to the terminal width, counting Chinese characters as two columns', () => {
  const written: string[] = [];
  const p = createProgress({ isTTY: true }, (s) => written.push(s), () => 20);
  p.step('生成通报：关于2023年第四季度全州政府网站', 2, 5);
  expect(written).toEqual(['\r\x1b[K[2/5] 生成通报：关…']);
});
