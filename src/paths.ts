// Where the project's own files are (package.json, templates/, fonts/): found by walking up
// from this file, so the same code works from src/ (tests) and from dist/src/ (the CLI).
import * as fs from 'fs';
import * as path from 'path';

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
