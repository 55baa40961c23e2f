// src/edit commitEdits: hash check, history, atomic writes; a refused commit writes nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { commitEdits, EditError, fileHash, StaleFileError } from '../../src/edit';
import type { Edit } from '../../src/edit';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-edit-'));
  fs.cpSync(SEED, dir, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function snapshot(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const n of fs.readdirSync(path.join(d, rel)).sort()) {
      const r = path.join(rel, n);
      if (fs.statSync(path.join(d, r)).isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(d, r), 'utf8');
    }
  };
  walk('');
  return out;
}

const rename: Edit = { op: 'set', file: 'sites.yaml', path: ['department', 0, 'name'], value: '州发展和改革委员会' };
const month: Edit = { op: 'set', file: 'accounts.yaml', path: ['weibo', 'department', 0, 'results', 0], value: '合格' };

test('changed files are written, the previous versions kept in history/1, then history/2', () => {
  const before = snapshot(dir);
  const r = commitEdits(dir, [rename, month]);
  expect(r.changed).toEqual(['accounts.yaml', 'sites.yaml']);
  expect(r.history).toBe(path.join('history', '1'));
  const after = snapshot(dir);
  expect(after[path.join('history', '1', 'sites.yaml')]).toBe(before['sites.yaml']);
  expect(after[path.join('history', '1', 'accounts.yaml')]).toBe(before['accounts.yaml']);
  expect(after[path.join('history', '1', 'notice.yaml')]).toBeUndefined();
  expect(after['sites.yaml']).toBe(before['sites.yaml'].replace('name: 州发展改革委', 'name: 州发展和改革委员会'));
  expect(r.hashes['sites.yaml']).toBe(fileHash(fs.readFileSync(path.join(dir, 'sites.yaml'))));
  expect(Object.keys(after).filter((k) => k.includes('.tongbao-tmp-'))).toEqual([]);

  const r2 = commitEdits(dir, [{ ...rename, value: '州发改委' }], { expectedHashes: { 'sites.yaml': r.hashes['sites.yaml'] } });
  expect(r2.history).toBe(path.join('history', '2'));
  expect(fs.readFileSync(path.join(dir, 'history', '2', 'sites.yaml'), 'utf8')).toBe(after['sites.yaml']);
});

test('an edit that changes nothing writes nothing and makes no history', () => {
  const before = snapshot(dir);
  const r = commitEdits(dir, [{ ...month, value: '不合格' }]);
  expect(r).toEqual({ changed: [], history: null, hashes: { 'accounts.yaml': fileHash(before['accounts.yaml']) } });
  expect(snapshot(dir)).toEqual(before);
});

test('a file changed on disk since it was read: StaleFileError, every file untouched', () => {
  const sitesHash = fileHash(fs.readFileSync(path.join(dir, 'sites.yaml')));
  fs.appendFileSync(path.join(dir, 'accounts.yaml'), '# 别人加的注释\n');
  const before = snapshot(dir);
  let err: unknown;
  try {
    commitEdits(dir, [rename, month], { expectedHashes: { 'sites.yaml': sitesHash, 'accounts.yaml': fileHash('旧内容') } });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(StaleFileError);
  expect((err as StaleFileError).file).toBe('accounts.yaml');
  expect((err as Error).message).toBe('accounts.yaml 在读取之后已被修改（可能在别处编辑过），为免覆盖他人的修改，这次没有保存：请重新打开后再改');
  expect(snapshot(dir)).toEqual(before);
});

test('one impossible edit: EditError, no file written', () => {
  const before = snapshot(dir);
  expect(() => commitEdits(dir, [rename, { op: 'delete', file: 'accounts.yaml', path: ['weibo', 'county', 500] }])).toThrow(EditError);
  expect(snapshot(dir)).toEqual(before);
});
