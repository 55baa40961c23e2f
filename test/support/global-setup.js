// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources, and
// type-check src, test, bench and the page once (jest itself only transpiles: tsconfig.jest.json).
// The build is file by file (./transpile.js, a few seconds, through the cache by content that
// jest's transformer reads too: the test files are compiled into it here as well, so the workers
// find everything compiled); then the seed round is built once
// through bin/tongbao.js for the tests that start from a built seed (./seed-build.ts). The type
// checks run beside the tests and the global teardown waits for them, failing the run on a type
// error, so no test waits for tsc. TONGBAO_SKIP_BUILD=1 skips all this when running a single
// unit-test file during development.
// Every test, and every process a test starts, gets a temp folder of this run's own (TMPDIR),
// so the global teardown can tell what this run left behind, whatever else runs on the machine.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { compileProject, transpileProject } = require('./transpile');
const { startTypeChecks } = require('./typecheck');

/** A process with this id is running (signal 0 only asks). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

module.exports = async (_globalConfig, projectConfig) => {
  // a run that was killed (Ctrl+C, a timeout) never reached its teardown: its folder goes now,
  // found by the process id it wrote; a run still going keeps its own
  for (const n of fs.readdirSync(os.tmpdir()).filter((x) => x.startsWith('tongbao-jest-run-'))) {
    const dir = path.join(os.tmpdir(), n);
    let pid = NaN;
    try {
      pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    } catch {
      continue; // not (yet) marked: left alone
    }
    if (Number.isInteger(pid) && !alive(pid)) fs.rmSync(dir, { recursive: true, force: true });
  }
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-jest-run-'));
  fs.writeFileSync(path.join(own, 'pid'), String(process.pid));
  globalThis.__TONGBAO_TMP__ = own;
  process.env.TMPDIR = own;
  if (process.env.TONGBAO_SKIP_BUILD) return;
  const root = path.join(__dirname, '..', '..');
  // The type checks start first (they take longest): one tsc -b over tsconfig.jest.json (src,
  // test, bench with isolatedModules, which rules out what a file-by-file build would get wrong)
  // and tsconfig.web.json, its state in jest's cache folder (./typecheck.js): nothing changed
  // since the last clean check costs about 0.4 s of CPU, a fresh cache checks everything.
  const started = [];
  globalThis.__TONGBAO_TYPECHECK__ = startTypeChecks(root, projectConfig.cacheDirectory, started);
  try {
    // the compiled files are kept in jest's cache folder too (by content), so unchanged files are not compiled again
    const compiled = path.join(projectConfig.cacheDirectory, 'tongbao-dist');
    transpileProject(path.join(root, 'tsconfig.build.json'), compiled);
    transpileProject(path.join(root, 'tsconfig.web.json'), compiled);
    compileProject(path.join(root, 'tsconfig.jest.json'), compiled);
    // the seed round built once, as a user builds it, for the tests that start from it (test/support/seed-build.ts)
    const seed = path.join(own, 'seed-build', '2023-q4');
    const b = spawnSync(process.execPath, [path.join(root, 'bin', 'tongbao.js'), 'build', 'data/2023-q4', '--out', seed], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`bin/tongbao.js build data/2023-q4 failed (exit ${b.status}):\n${b.stdout}${b.stderr}`);
    process.env.TONGBAO_TEST_SEED_BUILD = seed;
  } catch (e) {
    // jest skips the global teardown when the setup fails: remove this run's temp folder here
    fs.rmSync(own, { recursive: true, force: true });
    for (const p of started) p.kill();
    throw e;
  }
};
