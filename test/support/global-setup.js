// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources.
// TONGBAO_SKIP_BUILD=1 skips it when running a single unit-test file during development.
const { execFileSync } = require('child_process');
const path = require('path');
module.exports = async () => {
  if (process.env.TONGBAO_SKIP_BUILD) return;
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
};
