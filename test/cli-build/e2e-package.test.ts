// End to end through the installed bin (compiled dist/, built by the jest globalSetup):
// the 送签包: package and verify, PDFs through LibreOffice (split from e2e.test.ts).
// The first package goes through the bin (its exit status and output); the verifies and the
// second story are about what the commands do: in process (`clerk`, e2e-helpers.ts), LibreOffice
// still a real process.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { seedCopy, snapshot } from '../write/helpers';

import { clerk, tongbao } from './e2e-helpers';

test('package: a verified archive next to the set; verify checks it', async () => {
  const t = seedCopy();
  const r = tongbao(t.cwd, 'package', '2023-q4', '--out', 'handoff');
  expect(r.code).toBe(0);
  const archive = path.join('handoff', '关于2023年第四季度全州政府网站和政务新媒体检查情况的通报（送签稿）.zip');
  expect(r.out).toContain(`已写送签包：${archive}`);
  expect((await clerk(t.cwd, 'verify', archive, '--data', '2023-q4')).code).toBe(0);
  expect((await clerk(t.cwd, 'verify', 'handoff')).out).toContain('与清单一致');
});

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
(hasSoffice ? test : test.skip)('a different archive of the same name (PDFs, then none) is kept in history, not overwritten', async () => {
  const t = seedCopy();
  expect((await clerk(t.cwd, 'package', '2023-q4', '--pdf')).code).toBe(0);
  const first = snapshot(t.out);
  const r = await clerk(t.cwd, 'package', '2023-q4');
  expect(r.code).toBe(0);
  expect(r.out).toContain('上一版送签包已存入 out/2023-q4/history/1/');
  const zip = [...first.keys()].find((k) => k.endsWith('（送签稿）.zip'))!;
  expect(snapshot(path.join(t.out, 'history', '1')).get(zip)).toBe(first.get(zip));
  expect((await clerk(t.cwd, 'verify', 'out/2023-q4')).code).toBe(0);
}, 180_000);

