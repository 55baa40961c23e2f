// The history listing keeps the files it parsed while they stay the same (src/serve/history.ts
// readData): a file rewritten in place, its size and mtime kept, is read again, and a version
// listed twice says the same thing both times.
import * as fs from 'fs';
import * as path from 'path';
import { diffWithNow, listVersions } from '../../src/serve/history';
import { tempDir } from '../support/tmp';

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const NOTICE = (issued: string) => `round: 2024-Q1\nissued: ${issued}\nmonths: [2024-01, 2024-02, 2024-03]\n`;

test('a file changed behind the listing, size and mtime kept, is parsed again', () => {
  const dir = tempDir('tongbao-history-');
  fs.mkdirSync(path.join(dir, 'history', '1'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'history', '1', 'notice.yaml'), NOTICE('2024-04-01'));
  const now = path.join(dir, 'notice.yaml');
  fs.writeFileSync(now, NOTICE('2024-04-02'));
  const when = new Date('2024-04-02T08:00:00Z');
  fs.utimesSync(now, when, when);
  // a file changed just now is not kept (its stat is not trusted yet): let it settle, so that it is
  sleep(150);
  const list = () => listVersions(dir, new Map())[0].summary;
  expect(list()).toEqual(['通报信息 · 成文日期：2024-04-01 → 2024-04-02']);
  expect(list()).toEqual(['通报信息 · 成文日期：2024-04-01 → 2024-04-02']);
  const before = fs.statSync(now, { bigint: true });
  fs.writeFileSync(now, NOTICE('2024-04-03'));
  fs.utimesSync(now, when, when);
  const after = fs.statSync(now, { bigint: true });
  expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
  expect(list()).toEqual(['通报信息 · 成文日期：2024-04-01 → 2024-04-03']);
  expect(diffWithNow(dir, 1)).toEqual(['通报信息 · 成文日期：2024-04-03 → 2024-04-01']);
});
