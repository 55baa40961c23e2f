// The independent acceptance checkers (../shared/acceptance, Python standard library) on the
// seed round as a user builds it: through bin/tongbao.js into a fresh folder (built once per
// test run, test/support/seed-build.ts).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { command, describeIf, sharedFile, testIf } from '../support/needs';
import { seedBuild } from '../support/seed-build';

const ROOT = path.join(__dirname, '..', '..');
const CHECKS = path.join(ROOT, '..', 'shared', 'acceptance');

describeIf(sharedFile('check-seed'), sharedFile('check-annexes'), sharedFile('check-layout'))('acceptance checks on data/2023-q4', () => {
  let out: string;
  beforeAll(() => {
    // the run's one build of the seed (test/support/seed-build.ts), only read here
    out = seedBuild();
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

  testIf(command('soffice', 'libreoffice-writer-nogui'), command('pdftotext', 'poppler-utils'))(
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
