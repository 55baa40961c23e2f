// An output folder that is the data folder, inside it, or its parent (directly or through a
// symbolic link) is refused by every command that writes one: exit 2, the Chinese reason, and
// nothing written — not a file, not a folder (checkOutDir in src/paths.ts).
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { roundCopy } from '../support/round-fixture';

/** Every file and folder under `dir` with its bytes (folders as `/`). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) {
        out.set(path.relative(dir, p) + '/', '');
        walk(p);
      } else out.set(path.relative(dir, p), st.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

const FIX = '请用 --out 指定数据文件夹之外的文件夹（缺省为 out/<数据文件夹名>）；未写入任何文件。';

// [what, argv after the command (the data folder is `round`, the cwd holds it), expected message given the cwd]
const CASES: [string, (cmd: string) => string[], (cwd: string) => string][] = [
  ['the data folder itself', (c) => [c, 'round', '--out', 'round'], () => `输出文件夹 round 就是数据文件夹 round：生成的文件和 history/ 会与数据文件混在一起。${FIX}`],
  ['the data folder written another way', (c) => [c, 'round', '--out', './round/'], () => `输出文件夹 round 就是数据文件夹 round：生成的文件和 history/ 会与数据文件混在一起。${FIX}`],
  ['a folder inside the data folder', (c) => [c, 'round', '--out', 'round/out'], () => `输出文件夹 round/out 在数据文件夹 round 之内：生成的文件会混进数据。${FIX}`],
  ['the data folder through a symbolic link', (c) => [c, 'round', '--out', 'link'], () => `输出文件夹 link 就是数据文件夹 round：生成的文件和 history/ 会与数据文件混在一起。${FIX}`],
  ['inside the data folder through a symbolic link', (c) => [c, 'round', '--out', 'link/new/deeper'], () => `输出文件夹 link/new/deeper 在数据文件夹 round 之内：生成的文件会混进数据。${FIX}`],
  [
    'the data folder’s parent',
    (c) => [c, 'round', '--out', '.'],
    (cwd) => `输出文件夹 ${cwd} 是数据文件夹 round 的上一级：生成的文件和 history/ 会与各轮的数据文件夹混在一起，同名时会覆盖。${FIX}`,
  ],
];

describe.each(['build', 'annexes', 'package', 'rectify'])('tongbao %s --out', (cmd) => {
  test.each(CASES)('%s: refused, exit 2, nothing written', async (_what, argv, message) => {
    const { cwd } = roundCopy();
    fs.symlinkSync('round', path.join(cwd, 'link'));
    const before = tree(cwd);
    const r = await cli(argv(cmd), cwd);
    expect(r.err).toBe(`tongbao ${cmd}：${message(cwd)}\n`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(tree(cwd)).toEqual(before);
  });
});

test('the default output folder inside the data folder (run from within it) is refused too', async () => {
  const { cwd, dir } = roundCopy();
  const before = tree(cwd);
  const r = await cli(['build', '.'], dir);
  expect(r.err).toBe(`tongbao build：输出文件夹 out/round 在数据文件夹 ${dir} 之内：生成的文件会混进数据。${FIX}\n`);
  expect(r.code).toBe(2);
  expect(tree(cwd)).toEqual(before);
});

test('a sibling of the data folder is accepted', async () => {
  const { cwd } = roundCopy();
  const r = await cli(['build', 'round', '--out', 'round-out'], cwd);
  expect(r.code).toBe(0);
  expect(fs.readdirSync(path.join(cwd, 'round-out'))).toContain('manifest.json');
});
