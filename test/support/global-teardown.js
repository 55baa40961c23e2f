// Tests leave no `tongbao-*` folders in the temp folder: fail the run, naming them, if any are
// left in this run's own temp folder (see global-setup.js); then remove it all.
const fs = require('fs');
module.exports = async () => {
  const own = globalThis.__TONGBAO_TMP__;
  if (!own || !fs.existsSync(own)) return;
  const left = fs.readdirSync(own).filter((n) => n.startsWith('tongbao-')).sort();
  fs.rmSync(own, { recursive: true, force: true });
  if (left.length) {
    throw new Error(`tests left ${left.length} temp folder(s) behind (clean them up in afterAll/afterEach, e.g. with test/support/tmp.ts): ${left.join(', ')}`);
  }
};
