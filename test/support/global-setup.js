// Build dist/ once so that tests which spawn `bin/tongbao.js` run the current sources.
const { execFileSync } = require('child_process');
const path = require('path');
module.exports = async () => {
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
};
