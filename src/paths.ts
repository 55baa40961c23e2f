// Where the project's own files are (package.json, templates/, fonts/): found by walking up
// from this file, so the same code works from src/ (tests) and from dist/src/ (the CLI).
import * as fs from 'fs';
import * as path from 'path';
import { OutputPathError } from './write/atomic';

let root: string | null = null;

export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tongbao') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('找不到 tongbao 的安装目录（package.json）');
    dir = up;
  }
}

export function toolVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string;
}

export function templatesDir(): string {
  return path.join(projectRoot(), 'templates');
}

/**
 * A path as the file system has it, for telling whether two paths are the same folder or one
 * is inside the other: every existing part resolved (symlinks, `..`), the parts not made yet
 * kept as written; folded to lower case where folders ignore case (Windows, macOS).
 */
export function comparablePath(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      const real = path.join(fs.realpathSync.native(cur), ...rest.reverse());
      return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

/** `inner` lies inside `outer` (not the same); both as comparablePath gives them. */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

const shown = (p: string, cwd: string) => {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

/**
 * The one check of an output folder against the data folder, for every command that writes
 * one (build, annexes, package, rectify; through resolveOutDir): refused when it is the data
 * folder, inside it, or its parent (the outputs and history/ would mix with the data, or with
 * the other rounds' folders and overwrite one of the same name). Symlinks are followed.
 * Throws OutputPathError (exit 2) before anything is written.
 */
export function checkOutDir(dataDir: string, outDir: string, cwd: string): void {
  const data = comparablePath(dataDir);
  const out = comparablePath(outDir);
  const d = shown(path.resolve(dataDir), cwd);
  const o = shown(path.resolve(outDir), cwd);
  const fix = '请用 --out 指定数据文件夹之外的文件夹（缺省为 out/<数据文件夹名>）；未写入任何文件。';
  if (data === out) throw new OutputPathError(`输出文件夹 ${o} 就是数据文件夹 ${d}：生成的文件和 history/ 会与数据文件混在一起。${fix}`);
  if (isInside(out, data)) {
    throw new OutputPathError(`输出文件夹 ${o} 在数据文件夹 ${d} 之内：生成的文件会混进数据。${fix}`);
  }
  if (path.dirname(data) === out) {
    throw new OutputPathError(`输出文件夹 ${o} 是数据文件夹 ${d} 的上一级：生成的文件和 history/ 会与各轮的数据文件夹混在一起，同名时会覆盖。${fix}`);
  }
}
