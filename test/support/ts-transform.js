// jest's transformer for .ts files: ts.transpileModule with tsconfig.jest.json's options (as
// ts-jest does with isolatedModules, which was the transformer before), through the cache that
// the global setup's build of dist/ fills (./transpile.js): in a fresh clone src is compiled
// once, not once for dist/ and again in each worker, and a worker whose files are all cached
// never loads typescript. The output carries its source map inline, so failures point at the
// .ts lines. It does not hoist jest.mock() above the imports (ts-jest and babel-jest do): no
// test mocks modules, and a file that does is refused with a message rather than run wrongly.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { TS_VERSION, readConfig, compile } = require('./transpile');

const SELF = crypto.createHash('sha256').update(fs.readFileSync(__filename)).update(fs.readFileSync(require.resolve('./transpile'))).digest('hex');
const MOCKS = /\bjest\s*\.\s*(mock|unmock|doMock|enableAutomock|disableAutomock|deepUnmock)\s*\(/;

/** The text of a tsconfig and of those it extends (what its options come from), for the cache key. */
function configText(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  let all = `${file}\0${text}\0`;
  for (const m of text.matchAll(/"extends"\s*:\s*"([^"]+)"/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    all += configText(fs.existsSync(base) ? base : `${base}.json`, seen);
  }
  return all;
}

const configs = new Map();
function tsconfigOf(options) {
  return path.resolve(options.config.rootDir, options.transformerConfig?.tsconfig ?? 'tsconfig.json');
}
function emitOptions(tsconfig) {
  if (!configs.has(tsconfig)) configs.set(tsconfig, readConfig(tsconfig).emit);
  return configs.get(tsconfig);
}
const keys = new Map();
function configKey(tsconfig) {
  if (!keys.has(tsconfig)) keys.set(tsconfig, crypto.createHash('sha256').update(configText(tsconfig)).digest('hex'));
  return keys.get(tsconfig);
}

module.exports = {
  getCacheKey(sourceText, sourcePath, options) {
    return crypto
      .createHash('sha256')
      .update(`${SELF}\0${TS_VERSION}\0${configKey(tsconfigOf(options))}\0${options.configString}\0${options.instrument}\0${sourcePath}\0`)
      .update(sourceText)
      .digest('hex');
  },

  process(sourceText, sourcePath, options) {
    if (MOCKS.test(sourceText)) {
      throw new Error(`${sourcePath}: jest.mock() and the like are not hoisted by test/support/ts-transform.js; hoist them there (as ts-jest does) before using them`);
    }
    const { js, map } = compile(sourcePath, sourceText, emitOptions(tsconfigOf(options)), path.join(options.config.cacheDirectory, 'tongbao-dist'));
    // the map inline, naming the .ts file by its full path (as ts-jest gives it)
    const m = JSON.parse(map);
    m.file = sourcePath;
    m.sources = [sourcePath];
    delete m.sourceRoot;
    const inline = `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(m)).toString('base64')}`;
    return { code: js.replace(/\/\/# sourceMappingURL=[^\n]*$/, inline) };
  },
};
