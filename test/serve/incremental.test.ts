// The server's state after edits is the state a fresh open of the edited files gives: random
// edits of units (results, names, owners, problems, sites' results) applied through a kept
// RoundState, each compared with a new RoundState of the same folder — the files byte for byte
// what src/edit writes, and the round view (overview, units, diagnostics, preview) deep-equal.
// On quick-read files the edits must not build the yaml Document (the national-scale cost).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { writeNationalRound } from '../../bench/serve-round';
import { applyEdits } from '../../src/edit';
import type { Edit } from '../../src/edit';
import { isQuickRead } from '../../src/load/yaml-file';
import { RoundState } from '../../src/serve/state';
import { roundView } from '../../src/serve/view';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

type PerLevel = Record<'department' | 'county', number>;
interface Counts {
  sites: PerLevel;
  accounts: Record<'weibo' | 'wechat', PerLevel>;
}

function countsOf(dir: string): Counts {
  const s = new RoundState('c', dir);
  const d = s.compute().loaded.data as { sites: Record<string, unknown[]>; accounts: Record<string, Record<string, unknown[]>> };
  const n = (x: unknown[] | undefined) => (Array.isArray(x) ? x.length : 0);
  return {
    sites: { department: n(d.sites.department), county: n(d.sites.county) },
    accounts: {
      weibo: { department: n(d.accounts.weibo?.department), county: n(d.accounts.weibo?.county) },
      wechat: { department: n(d.accounts.wechat?.department), county: n(d.accounts.wechat?.county) },
    },
  };
}

function editArb(c: Counts): fc.Arbitrary<Edit> {
  const level = fc.constantFrom('department' as const, 'county' as const);
  const account = fc
    .record({
      platform: fc.constantFrom('weibo' as const, 'wechat' as const),
      level,
      i: fc.nat(),
      what: fc.oneof(
        fc.record({ field: fc.constant('results'), month: fc.nat(2), value: fc.constantFrom('合格', '不合格', '待定') }),
        fc.record({ field: fc.constantFrom('name', 'owner'), value: fc.constantFrom('新名称', '=SUM(A1)', 'a: b', '0855', "it's", '多\n行', '') }),
        fc.record({ field: fc.constant('problems'), value: fc.constantFrom(['一条问题'], [], ['甲', '乙：丙']) }),
      ),
    })
    .filter(({ platform, level: l }) => c.accounts[platform][l] > 0)
    .map(({ platform, level: l, i, what }): Edit => {
      const p: (string | number)[] = [platform, l, i % c.accounts[platform][l], what.field];
      if ('month' in what) p.push(what.month as number);
      return { op: 'set', file: 'accounts.yaml', path: p, value: what.value };
    });
  const site = fc
    .record({ level, i: fc.nat(), value: fc.constantFrom('合格', '不合格', '新网站', 'http://same.gov.cn', 'HTTP://SAME.gov.cn/', 'http://x\u200b.gov.cn', 'www.bad') })
    .filter(({ level: l }) => c.sites[l] > 0)
    // names and URLs that repeat (across groups, too), an invisible character, a malformed URL:
    // what validation keeps between edits (src/validate/memo.ts) must say what a fresh check says
    .map(({ level: l, i, value }): Edit => ({ op: 'set', file: 'sites.yaml', path: [l, i % c.sites[l], value === '新网站' ? 'name' : /^合格|^不合格/.test(value) ? 'result' : 'url'], value }));
  return fc.oneof({ arbitrary: account, weight: 4 }, { arbitrary: site, weight: 1 });
}

function viewOf(s: RoundState) {
  const c = s.compute();
  return { view: roundView(s, c, null, { unitLimit: Infinity }), diagnostics: c.diagnostics, lint: c.lint, data: c.loaded.data, model: c.model, validated: c.validated?.round ?? null };
}

function checkRound(make: (dir: string) => void, runs: number): number {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-incremental-'));
  let compared = 0;
  try {
    const src = path.join(base, 'src');
    make(src);
    const c = countsOf(src);
    fc.assert(
      fc.property(fc.array(fc.array(editArb(c), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (batches) => {
        const dir = fs.mkdtempSync(path.join(base, 'r-'));
        fs.cpSync(src, dir, { recursive: true });
        // windowMinBytes 0: every file is edited unit by unit, as a national round's are
        const kept = new RoundState('r', dir, { windowMinBytes: 0 });
        kept.compute();
        for (const edits of batches) {
          const before: Record<string, string> = {};
          for (const f of ['sites.yaml', 'accounts.yaml']) before[f] = fs.readFileSync(path.join(dir, f), 'utf8');
          let expected: Record<string, string>;
          try {
            expected = Object.fromEntries(Object.entries(before).map(([f, t]) => [f, applyEdits(t, edits.filter((e) => e.file === f), f)]));
          } catch {
            continue; // an edit the editor refuses: the state must refuse it too (tested in edit/)
          }
          const quickBefore = { sites: isQuickRead(kept.parsed('sites')!.file!), accounts: isQuickRead(kept.parsed('accounts')!.file!) };
          kept.edit(edits, kept.hashes());
          for (const f of Object.keys(expected)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe(expected[f]);
          const fresh = new RoundState('r', dir);
          // compared as JSON first (toEqual on a model of 1,500 accounts is slow); toEqual says where they differ
          const [a, b] = [viewOf(kept), viewOf(fresh)];
          if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
          // a quick-read file that a fresh open still reads quickly was edited without building its Document
          for (const kind of ['sites', 'accounts'] as const) if (quickBefore[kind] && isQuickRead(fresh.parsed(kind)!.file!)) expect(isQuickRead(kept.parsed(kind)!.file!)).toBe(true);
          compared++;
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: runs },
    );
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return compared;
}

describe('RoundState after edits equals a fresh open of the edited files', () => {
  test('the seed round', () => {
    expect(checkRound((dir) => fs.cpSync(SEED, dir, { recursive: true }), 12)).toBeGreaterThan(12);
  });

  test('a generated round of 150 sites and 1,500 accounts', () => {
    expect(checkRound((dir) => writeNationalRound(dir, SEED, { sites: 150, accounts: 1500 }), 4)).toBeGreaterThan(4);
  }, 120_000);
});
