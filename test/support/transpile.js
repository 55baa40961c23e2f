// dist/ for a test run without a second type check: every file of a tsconfig (its `include`,
// plus the relative modules they require at run time) compiled on its own with the config's
// options (ts.transpileModule, as jest compiles the tests). The types are checked once, over
// all of src, test and bench, with isolatedModules on (tsconfig.jest.json), which is what makes
// file-by-file output the same as tsc's; `npm run build:ts` stays the build that is shipped.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

/**
 * Compile the project of `tsconfig` (a path) into its outDir; returns the files written.
 * With `cacheDir`, each output is kept there under a hash of the source, the options and the
 * TypeScript version, and reused while they are the same.
 */
function transpileProject(tsconfig, cacheDir) {
  const root = path.dirname(tsconfig);
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, tsconfig);
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const options = parsed.options;
  const rootDir = options.rootDir ?? root;
  const outDir = options.outDir;
  const queue = parsed.fileNames.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f));
  const seen = new Set(queue);
  const written = [];
  while (queue.length) {
    const file = queue.shift();
    const source = fs.readFileSync(file, 'utf8');
    const key = crypto.createHash('sha256').update(`${ts.version}\0${JSON.stringify(options)}\0${file}\0${source}`).digest('hex');
    const cached = cacheDir ? path.join(cacheDir, `${key}.js`) : null;
    let outputText = cached && fs.existsSync(cached) ? fs.readFileSync(cached, 'utf8') : null;
    if (outputText === null) {
      outputText = ts.transpileModule(source, { compilerOptions: options, fileName: file, reportDiagnostics: false }).outputText;
      if (cached) {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, outputText);
        fs.renameSync(tmp, cached);
      }
    }
    const out = { outputText };
    const target = path.join(outDir, path.relative(rootDir, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // unchanged files keep their mtime (and the OS its page cache)
    const prev = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (prev !== out.outputText) fs.writeFileSync(target, out.outputText);
    written.push(target);
    // a relative module required at run time that the include list does not name (tsc emits it too)
    for (const m of out.outputText.matchAll(/\brequire\("(\.{1,2}\/[^"]+)"\)|\bfrom "(\.{1,2}\/[^"]+)"/g)) {
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

module.exports = { transpileProject };
