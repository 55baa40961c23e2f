// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources, and
// type-check src, test and bench once (jest itself only transpiles: tsconfig.jest.json); the
// two run side by side. TONGBAO_SKIP_BUILD=1 skips both when running a single unit-test file
// during development.
// Every test, and every process a test starts, gets a temp folder of this run's own (TMPDIR),
// so the global teardown can tell what this run left behind, whatever else runs on the machine.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function tsc(args, cwd) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd, stdio: 'inherit' });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc ${args.join(' ')} failed (exit ${code})`))));
  });
}

module.exports = async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-jest-run-'));
  globalThis.__TONGBAO_TMP__ = own;
  process.env.TMPDIR = own;
  if (process.env.TONGBAO_SKIP_BUILD) return;
  const root = path.join(__dirname, '..', '..');
  try {
    await Promise.all([tsc(['-p', 'tsconfig.build.json'], root), tsc(['-p', 'tsconfig.json', '--noEmit'], root), tsc(['-p', 'tsconfig.web.json'], root)]);
  } catch (e) {
    // jest skips the global teardown when the setup fails: remove this run's temp folder here
    fs.rmSync(own, { recursive: true, force: true });
    throw e;
  }
};
