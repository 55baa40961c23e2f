// src/write/atomic: a temporary name is always a new file; whatever has that name is removed, not written through.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkReplaceable, tmpPathFor, writeFileAtomic } from '../../src/write/atomic';

let dir: string;
let victim: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-atomic-'));
  victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, '别人的文件\n');
  fs.mkdirSync(path.join(dir, 'out'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([
  ['writeFileAtomic', () => writeFileAtomic(path.join(dir, 'out', 'a.txt'), '新内容\n'), 'a.txt'],
  ['checkReplaceable', () => checkReplaceable(path.join(dir, 'out'), ['a.txt']), 'check'],
])('%s: a link planted at its temporary name is not written through', (_name, run, tmpName) => {
  fs.symlinkSync(victim, tmpPathFor(path.join(dir, 'out'), tmpName));
  run();
  expect(fs.readFileSync(victim, 'utf8')).toBe('别人的文件\n');
  expect(fs.readdirSync(path.join(dir, 'out')).filter((n) => n.startsWith('.tongbao-tmp-'))).toEqual([]);
});

test('writeFileAtomic writes the file whole', () => {
  writeFileAtomic(path.join(dir, 'out', 'a.txt'), '新内容\n');
  expect(fs.readFileSync(path.join(dir, 'out', 'a.txt'), 'utf8')).toBe('新内容\n');
});
