// The server's kept state: an edit inside a unit patches the kept parse to exactly what a full
// parse of the new text gives, and only changed files are read again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { createHash } from 'crypto';
import { writeNationalRound } from '../../bench/serve-round';
import { applyEdits, EditError, StaleFileError } from '../../src/edit';
import type { Edit } from '../../src/edit';
import { parseRoundFile } from '../../src/load/round';
import { isQuickRead, locate } from '../../src/load/yaml-file';
import { RoundState } from '../../src/serve/state';
import { applyInUnits } from '../../src/serve/window';

// The fs module itself (an `import * as` namespace cannot be patched).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof fs;

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const ACCOUNTS = fs.readFileSync(path.join(SEED, 'accounts.yaml'), 'utf8');
const SITES = fs.readFileSync(path.join(SEED, 'sites.yaml'), 'utf8');

const counts = { weibo: { department: 10, county: 16 }, wechat: { department: 33, county: 16 } } as const;

const accountEdit = fc
  .record({
    platform: fc.constantFrom('weibo' as const, 'wechat' as const),
    level: fc.constantFrom('department' as const, 'county' as const),
    i: fc.nat(),
    what: fc.oneof(
      fc.record({ field: fc.constant('results'), month: fc.nat(2), value: fc.constantFrom('合格', '不合格') }),
      fc.record({ field: fc.constantFrom('name', 'owner'), value: fc.constantFrom('新名称', '=SUM(A1)', 'a: b', '0855', "it's", '多\n行') }),
      fc.record({ field: fc.constant('problems'), value: fc.constantFrom(['一条问题'], [], ['甲', '乙：丙']) }),
    ),
  })
  .map(({ platform, level, i, what }): Edit => {
    const idx = i % counts[platform][level];
    const p: (string | number)[] = [platform, level, idx, what.field];
    if ('month' in what) p.push(what.month as number);
    return { op: 'set', file: 'accounts.yaml', path: p, value: what.value };
  });

function samePositions(a: ReturnType<typeof parseRoundFile>, b: ReturnType<typeof parseRoundFile>, paths: (string | number)[][]) {
  for (const p of paths) expect(locate(a.file!, p)).toEqual(locate(b.file!, p));
}

describe('applyInUnits', () => {
  test('gives the text applyEdits gives, and the parse a full parse gives (property)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(accountEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const kept = parseRoundFile('/x/accounts.yaml', ACCOUNTS, '/x');
        let expected: string;
        try {
          expected = applyEdits(ACCOUNTS, edits, 'accounts.yaml');
        } catch {
          return; // an edit the editor refuses (e.g. two edits of one value): nothing to compare
        }
        const got = applyInUnits(kept, 'accounts.yaml', ACCOUNTS, edits);
        if (got === null) return;
        compared++;
        expect(got).toBe(expected);
        const fresh = parseRoundFile('/x/accounts.yaml', expected, '/x');
        expect(kept.data).toEqual(fresh.data);
        expect(kept.file!.text).toBe(fresh.file!.text);
        expect(kept.file!.lineCounter.lineStarts).toEqual(fresh.file!.lineCounter.lineStarts);
        const paths: (string | number)[][] = [];
        for (const platform of ['weibo', 'wechat'] as const)
          for (const level of ['department', 'county'] as const)
            for (let i = 0; i < counts[platform][level]; i += 3) paths.push([platform, level, i, 'name'], [platform, level, i, 'results', 2]);
        samePositions(kept, fresh, paths);
      }),
      { numRuns: 60 },
    );
    // the comparison must actually have happened, not been skipped
    expect(compared).toBeGreaterThan(30);
  });

  test('an edit of a whole unit, or of the file above units, is left to the full path', () => {
    const kept = parseRoundFile('/x/sites.yaml', SITES, '/x');
    expect(applyInUnits(kept, 'sites.yaml', SITES, [{ op: 'delete', file: 'sites.yaml', path: ['county', 0] }])).toBeNull();
    expect(applyInUnits(kept, 'sites.yaml', SITES, [{ op: 'insert', file: 'sites.yaml', path: ['county'], value: { name: 'x', url: 'http://x', result: '合格' } }])).toBeNull();
    expect(kept.file!.text).toBe(SITES);
    // the last unit of a file (no next item to end the window)
    const last = applyInUnits(kept, 'sites.yaml', SITES, [{ op: 'set', file: 'sites.yaml', path: ['county', 15, 'result'], value: '不合格' }]);
    expect(last).toBe(applyEdits(SITES, [{ op: 'set', file: 'sites.yaml', path: ['county', 15, 'result'], value: '不合格' }], 'sites.yaml'));
  });
});

describe('RoundState', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-state-'));
    fs.cpSync(SEED, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads only files whose mtime or size changed, parses only ones whose bytes changed', () => {
    const s = new RoundState('r', dir);
    s.compute();
    expect(s.parses).toBe(3);
    const reads = s.reads;
    s.compute();
    expect(s.reads).toBe(reads);
    // touched but identical: read, not parsed
    const f = path.join(dir, 'sites.yaml');
    fs.utimesSync(f, new Date(), new Date(Date.now() + 5000));
    s.compute();
    expect(s.reads).toBe(reads + 1);
    expect(s.parses).toBe(3);
    fs.appendFileSync(f, '# 备注\n');
    s.compute();
    expect(s.parses).toBe(4);
  });

  test('an edit in a unit of a large file patches the kept parse instead of parsing again', () => {
    const s = new RoundState('r', dir, { windowMinBytes: 0 });
    const c0 = s.compute();
    expect(c0.model!.totals.accounts.failing).toBe(23);
    const parses = s.parses;
    s.edit([{ op: 'set', file: 'accounts.yaml', path: ['weibo', 'county', 0, 'results', 0], value: '不合格' }], s.hashes());
    const c1 = s.compute();
    expect(s.parses).toBe(parses);
    expect(c1.model!.totals.accounts.failing).toBe(c0.model!.totals.accounts.failing + (c0.model!.failingAccounts.some((a) => a.name === '岑巩县政务微博') ? 0 : 1));
    // what is kept is what is on disk
    const disk = parseRoundFile(path.join(dir, 'accounts.yaml'), fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8'), dir);
    expect(s.parsed('accounts')!.data).toEqual(disk.data);
    expect(s.hashes()['accounts.yaml']).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(path.join(dir, 'history'))).toEqual(['1']);
  });

  describe('saving an edit from the kept state', () => {
    const acc = () => path.join(dir, 'accounts.yaml');
    const month = (value: string, i = 0, m = 0): Edit => ({ op: 'set', file: 'accounts.yaml', path: ['weibo', 'county', i, 'results', m], value });
    const temps = () => fs.readdirSync(dir, { recursive: true }).map(String).filter((n) => n.includes('.tongbao-tmp-'));
    const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

    test('reads no file again: the history entry holds the exact previous bytes, the kept hash is the new file\'s', () => {
      const s = new RoundState('r', dir, { windowMinBytes: 0 });
      s.compute();
      const reads = s.reads;
      const old = fs.readFileSync(acc());
      const r = s.edit([month('不合格')], s.hashes());
      expect(r.history).toBe(path.join('history', '1'));
      expect(fs.readFileSync(path.join(dir, 'history', '1', 'accounts.yaml'))).toEqual(old);
      expect(fs.readFileSync(acc(), 'utf8')).toBe(applyEdits(old.toString('utf8'), [month('不合格')], 'accounts.yaml'));
      expect(r.hashes['accounts.yaml']).toBe(sha(acc()));
      expect(s.hashes()['accounts.yaml']).toBe(sha(acc()));
      s.compute();
      expect(s.reads).toBe(reads);
      expect(s.text('accounts')).toBe(fs.readFileSync(acc(), 'utf8'));
      expect(temps()).toEqual([]);
    });

    test('a file changed behind the server\'s back, keeping its size and mtime, is refused: nothing written', () => {
      const s = new RoundState('r', dir, { windowMinBytes: 0 });
      s.compute();
      const hashes = s.hashes();
      const st = fs.statSync(acc());
      fs.writeFileSync(acc(), fs.readFileSync(acc(), 'utf8').replace('results: [合格, 合格, 合格]', 'results: [良好, 合格, 合格]'));
      fs.utimesSync(acc(), st.atime, st.mtime);
      expect(fs.statSync(acc()).size).toBe(st.size);
      const theirs = fs.readFileSync(acc());
      expect(() => s.edit([month('不合格', 1)], hashes)).toThrow(StaleFileError);
      expect(fs.readFileSync(acc())).toEqual(theirs);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
      expect(temps()).toEqual([]);
      // the state now holds their version
      expect(s.hashes()['accounts.yaml']).toBe(sha(acc()));
    });

    test('a change landing during the save is refused; the kept state stays as it was', () => {
      const s = new RoundState('r', dir, { windowMinBytes: 0 });
      s.compute();
      const hashes = s.hashes();
      const data = structuredClone(s.parsed('accounts')!.data);
      const text = s.text('accounts');
      const real = fs.fsyncSync;
      let once = false;
      const spy = jest.spyOn(nodeFs, 'fsyncSync').mockImplementation((fd) => {
        real(fd);
        if (!once) {
          once = true;
          fs.appendFileSync(acc(), '# 同时在别处改的\n');
        }
      });
      try {
        expect(() => s.edit([month('不合格', 2)], hashes)).toThrow(StaleFileError);
      } finally {
        spy.mockRestore();
      }
      expect(fs.readFileSync(acc(), 'utf8')).toBe(`${text}# 同时在别处改的\n`);
      expect(s.hashes()).toEqual(hashes);
      expect(s.parsed('accounts')!.data).toEqual(data);
      expect(s.text('accounts')).toBe(text);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
      expect(temps()).toEqual([]);
      // and the next look at the folder takes their change
      const parses = s.parses;
      s.compute();
      expect(s.parses).toBe(parses + 1);
    });

    test('an edit the editor refuses changes nothing', () => {
      const s = new RoundState('r', dir, { windowMinBytes: 0 });
      const c0 = s.compute();
      const data = structuredClone(s.parsed('accounts')!.data);
      expect(() => s.edit([month('合格', 0, 7)], s.hashes())).toThrow(EditError);
      expect(s.parsed('accounts')!.data).toEqual(data);
      expect(s.compute()).toBe(c0);
      expect(fs.existsSync(path.join(dir, 'history'))).toBe(false);
      expect(temps()).toEqual([]);
    });

    test('140 edits in a row: the kept text, parse and hash stay those of the file; each edit one history entry', () => {
      const s = new RoundState('r', dir, { windowMinBytes: 0 });
      s.compute();
      const n = 140;
      for (let k = 0; k < n; k++) {
        const value = k % 2 ? '合格' : '不合格';
        const edits: Edit[] = [month(value, k % 16, k % 3), { op: 'set', file: 'accounts.yaml', path: ['wechat', 'department', (k * 7) % 33, 'name'], value: `名称${k}` }];
        if (k % 5 === 0) edits.push({ op: 'set', file: 'sites.yaml', path: ['county', k % 16, 'result'], value });
        const before = fs.readFileSync(acc(), 'utf8');
        s.edit(edits, s.hashes());
        expect(fs.readFileSync(acc(), 'utf8')).toBe(applyEdits(before, edits.filter((e) => e.file === 'accounts.yaml'), 'accounts.yaml'));
      }
      expect(fs.readdirSync(path.join(dir, 'history')).length).toBe(n);
      const fresh = new RoundState('r', dir);
      fresh.compute();
      for (const kind of ['accounts', 'sites'] as const) {
        expect(s.text(kind)).toBe(fresh.text(kind));
        expect(s.parsed(kind)!.data).toEqual(fresh.parsed(kind)!.data);
      }
      expect(s.hashes()).toEqual(fresh.hashes());
      expect(isQuickRead(s.parsed('accounts')!.file!)).toBe(true);
    });

    test('a file of several MB: its hash, resumed from the kept states before the first changed byte, is the file\'s', () => {
      const big = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-state-big-'));
      try {
        writeNationalRound(big, SEED, { sites: 300, accounts: 30000 });
        const file = path.join(big, 'accounts.yaml');
        expect(fs.statSync(file).size).toBeGreaterThan(3 << 20);
        const s = new RoundState('r', big);
        s.refresh();
        const d = s.parsed('accounts')!.data as Record<string, Record<string, unknown[]>>;
        const last = d.wechat.county.length - 1;
        // near the end, at the start, in the middle, the end again
        for (const [k, [p, i]] of ([['wechat', last], ['weibo', 0], ['wechat', Math.floor(last / 2)], ['wechat', last]] as const).entries()) {
          const edits: Edit[] = [{ op: 'set', file: 'accounts.yaml', path: [p, 'county', i, 'owner'], value: `主办单位${k}` }];
          const before = fs.readFileSync(file);
          const r = s.edit(edits, s.hashes());
          expect(r.changed).toEqual(['accounts.yaml']);
          // (Buffer.equals: jest's deep equality walks a Buffer byte by byte)
          expect(fs.readFileSync(path.join(big, r.history!, 'accounts.yaml')).equals(before)).toBe(true);
          expect(s.hashes()['accounts.yaml']).toBe(sha(file));
        }
        expect(s.reads).toBe(3);
      } finally {
        fs.rmSync(big, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
