// build's and package's --strict refusal counts data warnings (validation's: a file not read, a failing_order
// entry that does not apply) and proofreading findings (lint's, with a rule id) apart, and names each.
import type { Diagnostic } from '../../src/diagnostics';
import { strictRefusal } from '../../src/cli/report';
import { cli } from '../support/cli';
import { roundCopy, snapshot } from '../support/round-fixture';

const data: Diagnostic = { severity: 'warning', file: 'round/notice.yaml', line: 1, col: 1, message: '…' };
const finding: Diagnostic = { ...data, rule: 'contradicts-data' };

test.each([
  ['a data warning', [data], '--strict：有 1 条数据警告，未生成任何文件。'],
  ['proofreading findings', [finding, finding], '--strict：有 2 条校对意见，未生成任何文件。'],
  ['both, each counted', [data, finding, data], '--strict：有 2 条数据警告、1 条校对意见，未生成任何文件。'],
])('%s', (_name, warnings, said) => {
  expect(strictRefusal(warnings)).toBe(said);
});

test.each(['build', 'package'])('%s --strict: a failing_order entry for an account that passes is a data warning, not a 校对意见; nothing written', async (command) => {
  const { cwd } = roundCopy([{ file: 'notice.yaml', find: '  - 黔东南河长（政务微信）\n', replace: '  - 黔东南河长（政务微信）\n  - 黔东南交警（政务微博）\n' }]);
  const before = snapshot(cwd);
  const r = await cli([command, 'round', '--strict'], cwd);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toBe(
    'round/notice.yaml:56:5: 警告: “黔东南交警（政务微博）”本轮合格，不列入通报，不合格账号顺序（failing_order）中的这一项不起作用\n--strict：有 1 条数据警告，未生成任何文件。\n',
  );
  expect(snapshot(cwd)).toEqual(before);
});
