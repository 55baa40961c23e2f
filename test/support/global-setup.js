// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources.
// TONGBAO_SKIP_BUILD=1 skips it when running a single unit-test file during development.
// Every test, and every process a test starts, gets a temp folder of this run's own (TMPDIR),
// so the global teardown can tell what this run left behind, whatever else runs on the machine.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
module.exports = async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-jest-run-'));
  globalThis.__TONGBAO_TMP__ = own;
  process.env.TMPDIR = own;
  if (process.env.TONGBAO_SKIP_BUILD) return;
  const root = path.join(__dirname, '..', '..');
  // the CLI, and the page's scripts (web/src → dist/page) that `tongbao serve` serves
  for (const project of ['tsconfig.build.json', 'tsconfig.web.json']) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  }
};
