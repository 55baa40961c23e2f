// src/edit commitEdits and saveVersions: hash check, history (a hard link to the replaced file,
// else a copy), atomic writes; a refused commit writes nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { commitEdits, EditError, fileHash, sameFile, saveVersions, StaleFileError } from '../../src/edit';
import type { Edit, NewVersion } from '../../src/edit';

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

// The fs module itself (an `import * as` namespace cannot be patched): the code under test reads
// its functions through it at call time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof fs;

describe('saveVersions: the previous version into history, the new one into place', () => {
  const file = () => path.join(dir, 'accounts.yaml');
  const next = (text: string) => Buffer.from(text.replace('results: [不合格, 合格, 合格]', 'results: [合格, 合格, 合格]'), 'utf8');
  const version = (bytes: Buffer, seen = fs.lstatSync(file())): NewVersion => ({ file: 'accounts.yaml', bytes, hash: fileHash(bytes), seen });
  const temps = () => Object.keys(snapshot(dir)).filter((k) => k.includes('.tongbao-tmp-'));

  test('the history entry is the replaced file itself (a hard link: its exact bytes, its inode), never touched by later changes', () => {
    const old = fs.readFileSync(file());
    const seen = fs.lstatSync(file());
    const bytes = next(old.toString('utf8'));
    const r = saveVersions(dir, [version(bytes, seen)]);
    expect(r).toEqual({ changed: ['accounts.yaml'], history: path.join('history', '1'), stats: expect.any(Map) });
    const kept = path.join(dir, 'history', '1', 'accounts.yaml');
    expect(fs.readFileSync(kept)).toEqual(old);
    expect(fs.readFileSync(file())).toEqual(bytes);
    if (process.platform !== 'win32') {
      expect(fs.statSync(kept).ino).toBe(seen.ino);
      expect(fs.statSync(kept).nlink).toBe(1);
      expect(fs.statSync(file()).ino).not.toBe(seen.ino);
    }
    // the stat handed back is the new file's
    expect(sameFile(fs.lstatSync(file()), r.stats.get('accounts.yaml')!)).toBe(true);
    // the data file is a new inode: changing it in place leaves history as it was
    fs.appendFileSync(file(), '# 又改了\n');
    expect(fs.readFileSync(kept)).toEqual(old);
    expect(temps()).toEqual([]);
  });

  test('where links are not possible (FAT drives) or the file has other links, history gets a copy of the same bytes', () => {
    const old = fs.readFileSync(file());
    const spy = jest.spyOn(nodeFs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    });
    try {
      saveVersions(dir, [version(next(old.toString('utf8')))]);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(path.join(dir, 'history', '1', 'accounts.yaml'))).toEqual(old);
    // a second name for the data file elsewhere: a link would let that name change history
    const other = path.join(dir, 'accounts-另存.yaml');
    fs.linkSync(file(), other);
    const mid = fs.readFileSync(file());
    saveVersions(dir, [version(Buffer.from(mid.toString('utf8').replace('# 政务微博', '# 微博'), 'utf8'))]);
    const kept = path.join(dir, 'history', '2', 'accounts.yaml');
    expect(fs.readFileSync(kept)).toEqual(mid);
    if (process.platform !== 'win32') expect(fs.statSync(kept).ino).not.toBe(fs.statSync(other).ino);
    fs.appendFileSync(other, '# 另一个名字下的修改\n');
    expect(fs.readFileSync(kept)).toEqual(mid);
    expect(temps()).toEqual([]);
  });

  test('where links fail (FAT, exFAT: coarse timestamps) the bytes copied to history are checked against the hash the caller holds', () => {
    const old = fs.readFileSync(file());
    const bytes = next(old.toString('utf8'));
    // changed in a way the stat cannot show (as on a drive with 2-second timestamps)
    fs.writeFileSync(file(), old.toString('utf8').replace('results: [不合格, 合格, 合格]', 'results: [合格, 不合格, 合格]'));
    const before = snapshot(dir);
    const spy = jest.spyOn(nodeFs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    });
    try {
      expect(() => saveVersions(dir, [{ ...version(bytes), previousHash: fileHash(old) }])).toThrow(StaleFileError);
      expect(snapshot(dir)).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
      // with the hash of what is there, the same save goes through
      saveVersions(dir, [{ ...version(bytes), previousHash: fileHash(fs.readFileSync(file())) }]);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(path.join(dir, 'history', '1', 'accounts.yaml'), 'utf8')).toBe(before['accounts.yaml']);
  });

  test.each([
    ['written in place, same size, mtime set back (only the change time tells)', (f: string) => {
      const st = fs.statSync(f);
      const text = fs.readFileSync(f, 'utf8');
      fs.writeFileSync(f, text.replace('results: [不合格, 合格, 合格]', 'results: [合格, 不合格, 合格]'));
      fs.utimesSync(f, st.atime, st.mtime);
    }],
    ['replaced by another file of the same bytes (a new inode)', (f: string) => {
      const bytes = fs.readFileSync(f);
      fs.rmSync(f);
      fs.writeFileSync(f, bytes);
    }],
    ['appended to', (f: string) => fs.appendFileSync(f, '# 别人加的注释\n')],
  ])('a file changed after it was seen — %s: StaleFileError, no file, no history, no temporary file', (_what, change) => {
    const seen = fs.lstatSync(file());
    const bytes = next(fs.readFileSync(file(), 'utf8'));
    change(file());
    const before = snapshot(dir);
    expect(() => saveVersions(dir, [version(bytes, seen)])).toThrow(StaleFileError);
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
  });

  test('a change that lands while the new version is being written is caught before anything is in place', () => {
    const seen = fs.lstatSync(file());
    const bytes = next(fs.readFileSync(file(), 'utf8'));
    const real = fs.fsyncSync;
    let once = false;
    // another program writes the data file right after our temporary file is flushed
    const spy = jest.spyOn(nodeFs, 'fsyncSync').mockImplementation((fd) => {
      real(fd);
      if (!once) {
        once = true;
        fs.appendFileSync(file(), '# 同时在别处改的\n');
      }
    });
    let before: Record<string, string>;
    try {
      expect(() => saveVersions(dir, [version(bytes, seen)])).toThrow(StaleFileError);
      before = snapshot(dir);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(file(), 'utf8')).toMatch(/# 同时在别处改的\n$/);
    expect(before['accounts.yaml']).toMatch(/# 同时在别处改的\n$/);
    expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
    expect(temps()).toEqual([]);
  });

  test('a file that cannot be replaced (held open on Windows): the files already replaced are put back, no history entry, no temporary file', () => {
    const before = snapshot(dir);
    const sites = path.join(dir, 'sites.yaml');
    const versions = [version(next(before['accounts.yaml'])), { file: 'sites.yaml' as const, bytes: Buffer.from(before['sites.yaml'].replace('name: 州发展改革委', 'name: 州发改委'), 'utf8'), hash: '', seen: fs.lstatSync(sites) }];
    const real = fs.renameSync;
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (to === sites) throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
      real(from, to);
    });
    try {
      expect(() => saveVersions(dir, versions)).toThrow(/无法替换 .*sites\.yaml：文件正被占用/);
    } finally {
      spy.mockRestore();
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

test('a link planted at a temporary name is removed, never written through', () => {
  const victim = path.join(dir, '..', `${path.basename(dir)}-victim.txt`);
  fs.writeFileSync(victim, '别人的文件\n');
  try {
    fs.symlinkSync(victim, path.join(dir, '.tongbao-tmp-sites.yaml'));
    commitEdits(dir, [rename]);
    expect(fs.readFileSync(victim, 'utf8')).toBe('别人的文件\n');
    expect(fs.readFileSync(path.join(dir, 'sites.yaml'), 'utf8')).toContain('name: 州发展和改革委员会');
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.tongbao-tmp-'))).toEqual([]);
  } finally {
    fs.rmSync(victim, { force: true });
  }
});
