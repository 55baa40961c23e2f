// The independent acceptance checkers (../shared/acceptance, Python standard library) on the
// seed round as a user builds it: through bin/tongbao.js into a fresh folder.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const CHECKS = path.join(ROOT, '..', 'shared', 'acceptance');
const here = fs.existsSync(path.join(CHECKS, 'check-seed'));
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext'], { encoding: 'utf8' }).status === 0;

if (!here) console.log(`acceptance checks skipped: ${CHECKS} not found`);

(here ? describe : describe.skip)('acceptance checks on data/2023-q4', () => {
  let out: string;
  beforeAll(() => {
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-acceptance-')), '2023-q4');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tongbao.js'), 'build', 'data/2023-q4', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
  });

  const run = (check: string, ...args: string[]) => {
    const r = spawnSync('python3', [path.join(CHECKS, check), ...args], { encoding: 'utf8', timeout: 240_000 });
    return { code: r.status, out: r.stdout + r.stderr };
  };

  test('check-seed passes in full', () => {
    const r = run('check-seed', out);
    expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.code).toBe(0);
  });

  test('check-annexes passes in full', () => {
    const r = run('check-annexes', out);
    expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.code).toBe(0);
  });

  (hasSoffice ? test : test.skip)(
    'check-layout --render passes in full',
    () => {
      const notice = fs.readdirSync(out).find((f) => f.endsWith('.docx') && f.includes('通报'))!;
      const r = run('check-layout', path.join(out, notice), '--render');
      expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
      expect(r.code).toBe(0);
    },
    300_000,
  );
});
