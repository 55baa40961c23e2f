// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources, and
// type-check src, test, bench and the page once (jest itself only transpiles: tsconfig.jest.json).
// The build is file by file (./transpile.js, a few seconds); then the seed round is built once
// through bin/tongbao.js for the tests that start from a built seed (./seed-build.ts). The type
// checks run beside the tests and the global teardown waits for them, failing the run on a type
// error, so no test waits for tsc. TONGBAO_SKIP_BUILD=1 skips all this when running a single
// unit-test file during development.
// Every test, and every process a test starts, gets a temp folder of this run's own (TMPDIR),
// so the global teardown can tell what this run left behind, whatever else runs on the machine.
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { transpileProject } = require('./transpile');

const started = [];

/** tsc with its output kept (printed by the teardown if it fails). */
function tsc(args, cwd) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(p);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve({ args, code: -1, out: String(e) }));
    p.on('exit', (code) => resolve({ args, code, out }));
  });
}

/** tsc's incremental state for `project`, in jest's cache folder (outside the tree, per checkout). */
function buildInfo(cacheDirectory, root, project) {
  const key = crypto.createHash('sha256').update(root).digest('hex').slice(0, 12);
  return path.join(cacheDirectory, 'tongbao-tsc', `${key}-${project.replace(/\W+/g, '-')}.tsbuildinfo`);
}

module.exports = async (_globalConfig, projectConfig) => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-jest-run-'));
  globalThis.__TONGBAO_TMP__ = own;
  process.env.TMPDIR = own;
  if (process.env.TONGBAO_SKIP_BUILD) return;
  const root = path.join(__dirname, '..', '..');
  // The type checks start first (they take longest). tsconfig.jest.json is tsconfig.json (src,
  // test, bench) with isolatedModules, which rules out what a file-by-file build would get wrong.
  // Incremental: the state is kept in jest's cache folder (never in the tree), so a run after a
  // small change re-checks what it touched (about 6 s instead of 19 s of CPU); a fresh cache
  // checks everything.
  const check = (project) => tsc(['-p', project, '--noEmit', '--incremental', '--tsBuildInfoFile', buildInfo(projectConfig.cacheDirectory, root, project)], root);
  globalThis.__TONGBAO_TYPECHECK__ = Promise.all([check('tsconfig.jest.json'), check('tsconfig.web.json')]);
  try {
    // the compiled files are kept in jest's cache folder too (by content), so unchanged files are not compiled again
    const compiled = path.join(projectConfig.cacheDirectory, 'tongbao-dist');
    transpileProject(path.join(root, 'tsconfig.build.json'), compiled);
    transpileProject(path.join(root, 'tsconfig.web.json'), compiled);
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
