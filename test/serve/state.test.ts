// The server's kept state: an edit inside a unit patches the kept parse to exactly what a full
// parse of the new text gives, and only changed files are read again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { applyEdits } from '../../src/edit';
import type { Edit } from '../../src/edit';
import { parseRoundFile } from '../../src/load/round';
import { locate } from '../../src/load/yaml-file';
import { RoundState } from '../../src/serve/state';
import { applyInUnits } from '../../src/serve/window';

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
});
