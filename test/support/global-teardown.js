// The type checks the global setup started beside the tests: wait for them and fail the run
// with tsc's messages if any failed. Then: tests leave no `tongbao-*` folders in the temp
// folder: fail the run, naming them, if any are left in this run's own temp folder (see
// global-setup.js); then remove it all.
const fs = require('fs');
module.exports = async () => {
  const checks = globalThis.__TONGBAO_TYPECHECK__ ? await globalThis.__TONGBAO_TYPECHECK__ : [];
  const own = globalThis.__TONGBAO_TMP__;
  let left = [];
  if (own && fs.existsSync(own)) {
    left = fs.readdirSync(own).filter((n) => n.startsWith('tongbao-')).sort();
    fs.rmSync(own, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => c.code !== 0);
  if (failed.length) {
    const text = failed.map((c) => `tsc ${c.args.join(' ')} (exit ${c.code}):\n${c.out.trim()}`).join('\n\n');
    throw new Error(`type check failed\n${text}`);
  }
  if (left.length) {
    throw new Error(`tests left ${left.length} temp folder(s) behind (clean them up in afterAll/afterEach, e.g. with test/support/tmp.ts): ${left.join(', ')}`);
  }
};
