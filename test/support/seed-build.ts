// The seed round (data/2023-q4) built once per test run, as a user builds it: bin/tongbao.js
// build into a fresh folder, by the jest global setup into this run's own temp folder
// (TONGBAO_TEST_SEED_BUILD names it; removed with that folder by the global teardown). Tests
// that only read the built files use it as is (never write into it); tests that go on from a
// built seed copy it (test/write/helpers.ts builtSeedCopy). Without the global setup
// (TONGBAO_SKIP_BUILD=1) it is built here, once per test file, the same way.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tmp';

const ROOT = path.join(__dirname, '..', '..');
let local: string | null = null;

/** The folder holding the seed round's notice, annexes and manifest as `build` wrote them. */
export function seedBuild(): string {
  const shared = process.env.TONGBAO_TEST_SEED_BUILD;
  if (shared && fs.existsSync(path.join(shared, 'manifest.json'))) return shared;
  if (!local) {
    const out = path.join(tempDir('tongbao-seed-build-'), '2023-q4');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tongbao.js'), 'build', 'data/2023-q4', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the seed round failed (exit ${r.status}): ${r.stderr}`);
    local = out;
  }
  return local;
}
