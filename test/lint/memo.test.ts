// The memos a long-running caller keeps (tongbao serve): findings through them are the findings
// without them, also after the data's counts changed (contradicts-data reads them; its findings
// are kept apart, so the rest of the memo stays valid).
import * as path from 'path';
import { lintRound } from '../../src/lint/round';
import type { TextFinding } from '../../src/lint/types';
import { loadRound } from '../../src/load/round';
import type { DataCounts } from '../../src/lint/types';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

function counts(failingSites: string[]): DataCounts {
  return {
    levels: { department: '州直部门', county: '县（市）' },
    sites: { department: { total: 32, failing: [] }, county: { total: 18, failing: failingSites } },
    accounts: { department: { total: 45, failing: [] }, county: { total: 30, failing: [] } },
    weibo: { department: { total: 10, failing: [] }, county: { total: 10, failing: [] } },
    wechat: { department: { total: 35, failing: [] }, county: { total: 20, failing: [] } },
  };
}

test('memo and countsMemo give the findings lintRound gives without them, as the counts change', () => {
  const loaded = loadRound(SEED, SEED);
  const { notice, sites, accounts } = loaded.files;
  const files = { notice: notice!, sites, accounts };
  // prose that claims what the counts decide, as a paragraph of the notice
  const paragraphs = ['一、总体情况', '本次检查的政府网站均为合格，各单位政务新媒体运行正常。'];
  const memo = new Map<string, TextFinding[]>();
  let countsMemo = new Map<string, TextFinding[]>();
  let contradicted = 0;
  for (const failing of [[], ['丹寨县'], ['丹寨县', '天柱县'], []]) {
    const c = counts(failing);
    countsMemo = new Map(); // the counts changed: their findings are computed again, the rest kept
    const plain = lintRound(files, undefined, paragraphs, { counts: c });
    expect(lintRound(files, undefined, paragraphs, { counts: c, memo, countsMemo })).toEqual(plain);
    // a second time through warm memos
    expect(lintRound(files, undefined, paragraphs, { counts: c, memo, countsMemo })).toEqual(plain);
    contradicted += plain.filter((d) => d.rule === 'contradicts-data').length;
  }
  // the comparison covered findings that depend on the counts
  expect(contradicted).toBeGreaterThan(0);
});
