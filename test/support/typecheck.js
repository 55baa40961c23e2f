// The type checks of a test run (started by the global setup, awaited by the teardown): one
// `tsc -b` over tsconfig.jest.json (src, test, bench) and tsconfig.web.json (the page), each
// through a small config in jest's cache folder that only adds --noEmit and tsc's incremental
// state there (never in the tree). With that state tsc -b first asks whether anything changed
// since the last clean check (file times, then contents): nothing → no program is built at all
// (0.4 s of CPU instead of 8); a change → only what it touches is checked again; a run that had
// errors is always checked again (and fails again). A fresh clone (CI) checks everything.
// tsc -b looks only at a project's own files for changes, so the few files of ours that a
// project imports from outside its `include` (the page's api-types.ts, imported by a test) are
// named in its `files` from the last check's list; the state is kept per package-lock.json, so
// new dependencies (their .d.ts files) are checked from scratch.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { TS_VERSION } = require('./transpile');

const PROJECTS = ['tsconfig.jest.json', 'tsconfig.web.json'];

/** Files of ours (not node_modules) that the last check's program had beside its root files. */
function importedFromOutside(buildInfo) {
  let info;
  try {
    info = JSON.parse(fs.readFileSync(buildInfo, 'utf8'));
  } catch {
    return [];
  }
  const names = info.fileNames ?? [];
  const roots = new Set();
  for (const r of info.root ?? []) {
    if (Array.isArray(r)) for (let i = r[0]; i <= r[1]; i++) roots.add(i);
    else roots.add(r);
  }
  const dir = path.dirname(buildInfo);
  return names
    .filter((n, i) => !roots.has(i + 1) && !/(^|\/)node_modules\//.test(n) && !/\.d\.ts$/.test(n))
    .map((n) => path.resolve(dir, n))
    .filter((f) => fs.existsSync(f))
    .sort();
}

/**
 * Write the wrapper `file` only when its text changes: tsc -b takes a config newer than its
 * state for a change, and a check that finds nothing new does not write its state again, so a
 * rewritten wrapper would be checked again on every run. Its text changes only by the `files`
 * above (files the last program had anyway: nothing more to check) so it is dated just before
 * the state it goes with; anything else in it is in the key of the state's name.
 */
function writeWrapper(file, text, buildInfo) {
  let prev = null;
  try {
    prev = fs.readFileSync(file, 'utf8');
  } catch {
    // first run
  }
  if (prev === text) return;
  fs.writeFileSync(file, text);
  if (fs.existsSync(buildInfo)) {
    const t = fs.statSync(buildInfo).mtimeMs / 1000 - 1;
    fs.utimesSync(file, t, t);
  }
}

/** The wrapper configs for `root` in `cacheDirectory`. */
function wrappers(root, cacheDirectory) {
  const dir = path.join(cacheDirectory, 'tongbao-tsc');
  fs.mkdirSync(dir, { recursive: true });
  let lock = '';
  try {
    lock = fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  } catch {
    // no lock file: keyed by the checkout and TypeScript only
  }
  const self = fs.readFileSync(__filename);
  const key = crypto.createHash('sha256').update(`${root}\0${TS_VERSION}\0${lock}\0`).update(self).digest('hex').slice(0, 16);
  return PROJECTS.map((project) => {
    const name = `${key}-${project.replace(/\W+/g, '-')}`;
    const buildInfo = path.join(dir, `${name}.tsbuildinfo`);
    const config = path.join(dir, `${name}.json`);
    const files = importedFromOutside(buildInfo);
    const wrapper = {
      extends: path.join(root, project),
      // typeRoots: where tsc would look from the project's own folder (this file is elsewhere)
      compilerOptions: { noEmit: true, incremental: true, tsBuildInfoFile: buildInfo, typeRoots: [path.join(root, 'node_modules', '@types')] },
      ...(files.length ? { files } : {}),
    };
    writeWrapper(config, `${JSON.stringify(wrapper, null, 2)}\n`, buildInfo);
    return config;
  });
}

/**
 * Start the type checks; resolves to [{ args, code, out }] (code 0: clean). `started` gets the
 * child process (the setup kills it if the setup fails).
 */
function startTypeChecks(root, cacheDirectory, started) {
  const args = ['-b', ...wrappers(root, cacheDirectory)];
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(p);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', (e) => resolve([{ args: PROJECTS, code: -1, out: String(e) }]));
    p.on('exit', (code) => resolve([{ args: ['-b', ...PROJECTS], code, out }]));
  });
}

module.exports = { startTypeChecks };
