// The manifest: its exact bytes for the seed round, and what `annexes` reports as notice changes.
import * as fs from 'fs';
import * as path from 'path';
import { build } from '../../src/build';
import { loadModel } from '../../src/pipeline';
import { noticeDifferences, noticeFacts, parseManifest, packageFileName } from '../../src/write/manifest';
import type { NoticeFacts } from '../../src/write/manifest';
import { expectGolden } from '../support/golden';
import { fakeRenderers, SEED, seedCopy, snapshot } from './helpers';

const GOLDEN = path.join(__dirname, '__golden__');

test('the seed round manifest, byte for byte (no clock time, no machine paths)', async () => {
  const t = seedCopy();
  await build({ dataDir: '2023-q4', cwd: t.cwd, renderers: fakeRenderers() });
  const text = fs.readFileSync(path.join(t.out, 'manifest.json'), 'utf8');
  expect(text).not.toContain(t.cwd);
  expectGolden(path.join(GOLDEN, 'manifest-seed.json'), text);
  const m = parseManifest(text, 'manifest.json');
  expect(packageFileName(m)).toBe('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报（送签稿）.zip');
});

test('the real renderers give byte-identical sets in two folders at two times', async () => {
  const a = seedCopy();
  const b = seedCopy();
  await build({ dataDir: '2023-q4', cwd: a.cwd });
  await new Promise((r) => setTimeout(r, 1100)); // a different second on the clock
  await build({ dataDir: '2023-q4', cwd: b.cwd });
  const sa = snapshot(a.out);
  expect([...sa.keys()].sort()).toEqual(
    ['manifest.json', '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx', '附件1 抽查网站名单及问题曝光情况.xlsx', '附件2 抽查新媒体名单及问题曝光情况.xlsx'].sort(),
  );
  expect(snapshot(b.out)).toEqual(sa);
});

describe('noticeDifferences', () => {
  let base: NoticeFacts;
  beforeAll(async () => {
    base = noticeFacts(await loadModel(SEED));
  });
  const with_ = (f: (n: NoticeFacts) => void): NoticeFacts => {
    const n = structuredClone(base);
    f(n);
    return n;
  };

  test('none for the same facts', () => {
    expect(noticeDifferences(base, structuredClone(base))).toEqual([]);
  });

  test('an account no longer failing: count and name', () => {
    const next = with_((n) => {
      n.failingAccounts = n.failingAccounts.filter((a) => a !== '黔东南商务（政务微信）');
      n.totals.accounts.failing = 22;
    });
    expect(noticeDifferences(base, next)).toEqual(['不合格政务新媒体 23 → 22：黔东南商务（政务微信） 不再列入']);
  });

  test('a newly failing site and a reordered account list', () => {
    const next = with_((n) => {
      n.failingSites = ['州科技局'];
      n.totals.sites.failing = 1;
      n.failingAccounts = [...n.failingAccounts].reverse();
    });
    expect(noticeDifferences(base, next)).toEqual(['不合格政府网站 0 → 1：州科技局 新列入', '不合格政务新媒体 23 → 23：名单顺序改变']);
  });

  test('totals, dates, prose and title are named in Chinese', () => {
    const next = with_((n) => {
      n.totals.sites.total = 51;
      n.totals.sites.county = 17;
      n.deadline = '2023-11-30';
      n.issued = '2023-11-24';
      n.prose = 'x';
      n.docNumber = '黔东南政信〔2023〕5号';
    });
    expect(noticeDifferences(base, next)).toEqual([
      '发文字号：（无） → 黔东南政信〔2023〕5号',
      '政府网站 50 → 51',
      '县（市）级政府网站 16 → 17',
      '“存在的问题”或“下步要求”的文字有改动',
      '整改截止日期：2023年11月28日 → 2023年11月30日',
      '成文日期：2023年11月23日 → 2023年11月24日',
    ]);
  });
});
