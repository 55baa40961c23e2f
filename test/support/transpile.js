// Compiling TypeScript file by file (ts.transpileModule), for dist/ (transpileProject, the global
// setup) and for jest (./ts-transform.js), through one cache by content: a file is compiled
// once, with its source map, and both use that output (dist/ without the map's comment). A
// fresh clone (CI) so compiles src once instead of twice. The types are checked once, over all
// of src, test and bench, with isolatedModules on (tsconfig.jest.json), which is what makes
// file-by-file output the same as tsc's; `npm run build:ts` stays the build that is shipped.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// typescript is loaded only to compile or to read a tsconfig: a jest worker whose files are
// all in the cache never loads it (about 0.3 s per process)
let typescript = null;
const ts = () => (typescript ??= require('typescript'));
const TS_VERSION = require('typescript/package.json').version;

// Options that do not change what transpileModule emits for a file (it compiles each file on
// its own, never emits declarations and always sets isolatedModules); left out so that the
// build's config and jest's, which differ only in these, share their output.
const NOT_EMITTED = ['types', 'typeRoots', 'isolatedModules', 'declaration', 'declarationMap', 'composite', 'incremental', 'tsBuildInfoFile', 'noEmit', 'configFilePath', 'outDir', 'rootDir', 'sourceMap', 'inlineSourceMap', 'inlineSources', 'sourceRoot', 'mapRoot'];

/** The parsed config of `tsconfig` (a path): { fileNames, options, emit } (emit: the options transpileModule gets). */
function readConfig(tsconfig) {
  const t = ts();
  const read = t.readConfigFile(tsconfig, t.sys.readFile);
  if (read.error) throw new Error(t.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = t.parseJsonConfigFileContent(read.config, t.sys, path.dirname(tsconfig), undefined, tsconfig);
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => t.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const emit = {};
  for (const k of Object.keys(parsed.options).sort()) if (!NOT_EMITTED.includes(k)) emit[k] = parsed.options[k];
  // always with a source map (jest's stack traces); dist/ drops the comment that points to it
  Object.assign(emit, { sourceMap: true, inlineSources: true });
  return { fileNames: parsed.fileNames, options: parsed.options, emit };
}

const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*$/;

/**
 * `source` (the text of `file`) compiled with `emit` options: { js, map }, js ending in the
 * `//# sourceMappingURL=` comment. With `cacheDir`, kept there under a hash of the TypeScript
 * version, the options, the path and the text, and reused while they are the same.
 */
function compile(file, source, emit, cacheDir) {
  const key = crypto.createHash('sha256').update(`${TS_VERSION}\0${JSON.stringify(emit)}\0${file}\0${source}`).digest('hex');
  const cached = cacheDir ? path.join(cacheDir, `${key}.json`) : null;
  if (cached) {
    try {
      return JSON.parse(fs.readFileSync(cached, 'utf8'));
    } catch {
      // not there yet (or half written by a process that died): compile it
    }
  }
  const out = ts().transpileModule(source, { compilerOptions: emit, fileName: file, reportDiagnostics: false });
  if (!MAP_COMMENT.test(out.outputText)) throw new Error(`transpile: no source map comment at the end of the output for ${file}`);
  const result = { js: out.outputText, map: out.sourceMapText };
  if (cached) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(result));
    fs.renameSync(tmp, cached);
  }
  return result;
}

/** The output as tsc writes it without source maps (what dist/ gets). */
function withoutMap(js) {
  return js.replace(MAP_COMMENT, '\n');
}

/**
 * Compile the project of `tsconfig` (a path) into its outDir; returns the files written.
 * With `cacheDir`, each output is kept there by content (compile()).
 */
function transpileProject(tsconfig, cacheDir) {
  const root = path.dirname(tsconfig);
  const { fileNames, options, emit } = readConfig(tsconfig);
  const rootDir = options.rootDir ?? root;
  const outDir = options.outDir;
  const queue = fileNames.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f));
  const seen = new Set(queue);
  const written = [];
  while (queue.length) {
    const file = queue.shift();
    const outputText = withoutMap(compile(file, fs.readFileSync(file, 'utf8'), emit, cacheDir).js);
    const target = path.join(outDir, path.relative(rootDir, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // unchanged files keep their mtime (and the OS its page cache)
    const prev = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (prev !== outputText) fs.writeFileSync(target, outputText);
    written.push(target);
    // a relative module required at run time that the include list does not name (tsc emits it too)
    for (const m of outputText.matchAll(/\brequire\("(\.{1,2}\/[^"]+)"\)|\bfrom "(\.{1,2}\/[^"]+)"/g)) {
      const spec = m[1] ?? m[2];
      const base = path.resolve(path.dirname(file), spec);
      const ts1 = [...(/\.js$/.test(base) ? [base.replace(/\.js$/, '.ts')] : []), `${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
      if (ts1 && !seen.has(ts1)) {
        seen.add(ts1);
        queue.push(ts1);
      }
    }
  }
  return written;
}

/**
 * Compile every .ts file of the project of `tsconfig` into `cacheDir` only (nothing written
 * elsewhere): what jest's transformer will ask for (./ts-transform.js uses the same options).
 */
function compileProject(tsconfig, cacheDir) {
  const { fileNames, emit } = readConfig(tsconfig);
  for (const file of fileNames) if (/\.ts$/.test(file) && !/\.d\.ts$/.test(file)) compile(file, fs.readFileSync(file, 'utf8'), emit, cacheDir);
}

module.exports = { TS_VERSION, readConfig, compile, compileProject, transpileProject };
