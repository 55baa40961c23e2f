// Which units a large round's view lists: past `unitLimit` of a kind, the edited ones, then ones
// with a diagnostic, then failing ones, in file order. The view finds them without making a row
// (or an id) for every unit; this holds it to the plain definition over the seed round, with and
// without errors in the data.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { isQuickRead } from '../../src/load/yaml-file';
import { RoundState } from '../../src/serve/state';
import { placeDiagnostics, roundView } from '../../src/serve/view';
import type { UnitRow } from '../../web/src/api-types';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

/** The units to list as first written: rank every unit, sort the ranked ones, keep `limit`, back in file order. */
function reference(all: UnitRow[], limit: number, keep: Set<string>, flagged: Set<string>): string[] {
  if (all.length <= limit) return all.map((u) => u.id);
  const failing = (u: UnitRow) => ('result' in u ? u.result !== '合格' : (u.judged ?? u.results ?? []).some((r) => r !== '合格'));
  const rank = (u: UnitRow) => (keep.has(u.id) ? 0 : flagged.has(u.id) ? 1 : failing(u) ? 2 : 3);
  const chosen = all.filter((u) => rank(u) < 3);
  if (chosen.length > limit) chosen.sort((a, b) => rank(a) - rank(b));
  const shown = new Set(chosen.slice(0, limit));
  return all.filter((u) => shown.has(u)).map((u) => u.id);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-view-'));
  fs.cpSync(SEED, path.join(dir, 'ok'), { recursive: true });
  // a copy with mistakes: results that are not a result, a site without a name
  fs.cpSync(SEED, path.join(dir, 'bad'), { recursive: true });
  const acc = path.join(dir, 'bad', 'accounts.yaml');
  let text = fs.readFileSync(acc, 'utf8');
  let n = 0;
  text = text.replace(/results: \[合格, 合格, 合格\]/g, (m) => (n++ % 9 === 4 ? 'results: [合格, 也许, 合格]' : m));
  // a unit without its owner, a month too many, a problem that is not text, a result of a list
  text = text.replace(/(- name: [^\n]+\n)(\s+)owner: [^\n]+\n/, '$1');
  text = text.replace(/results: \[合格, 不合格, 合格\]/, 'results: [合格, 不合格, 合格, 合格]');
  text = text.replace(/results: \[不合格, 合格, 合格\]/, 'results: [不合格, [合格], 合格]');
  fs.writeFileSync(acc, text);
  const sites = path.join(dir, 'bad', 'sites.yaml');
  fs.writeFileSync(sites, fs.readFileSync(sites, 'utf8').replace(/result: 合格/, 'result: 待定'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(['ok', 'bad'])('the %s round: the units listed are those of the plain definition, with the same rows', (name) => {
  const state = new RoundState(name, path.join(dir, name));
  const c = state.compute();
  const full = roundView(state, c, null, { unitLimit: Infinity });
  const flagged = new Set(full.diagnostics.map((d) => d.unitId).filter((x): x is string => !!x));
  if (name === 'bad') expect(flagged.size).toBeGreaterThan(3);
  const ids = [...full.sites, ...full.accounts].map((u) => u.id);
  const byId = new Map<string, UnitRow>([...full.sites, ...full.accounts].map((u) => [u.id, u]));
  fc.assert(
    fc.property(fc.nat(90), fc.subarray(ids, { maxLength: 6 }), fc.boolean(), (limit, kept, bogus) => {
      const keep = new Set(kept);
      if (bogus) ['accounts.yaml:weibo:county:999', 'sites.yaml:department:x', 'notice.yaml', 'accounts.yaml:nope:county:1'].forEach((x) => keep.add(x));
      const v = roundView(state, c, null, { unitLimit: limit, keep });
      expect(v.sites.map((u) => u.id)).toEqual(reference(full.sites, limit, keep, flagged));
      expect(v.accounts.map((u) => u.id)).toEqual(reference(full.accounts, limit, keep, flagged));
      // the rows are the full view's, compared as JSON first (what the page gets; toEqual on every
      // row of 60 views is most of this file's time); toEqual says where they differ
      const rows = [...v.sites, ...v.accounts];
      const want = rows.map((u) => byId.get(u.id));
      if (JSON.stringify(rows) !== JSON.stringify(want)) expect(rows).toEqual(want);
      expect(v.omitted).toEqual({ sites: full.sites.length - v.sites.length, accounts: full.accounts.length - v.accounts.length });
    }),
    { numRuns: 60 },
  );
});

test.each([
  ['a result that is not a result', (t: string) => t.replace(/results: \[合格, 合格, 合格\]/g, (m, at: number) => (at % 7 === 0 ? 'results: [合格, 也许, 合格]' : m))],
  ['a result that is a list', (t: string) => t.replace(/results: \[不合格, 合格, 合格\]/, 'results: [不合格, [合格], 合格]')],
  ['a month too many', (t: string) => t.replace(/results: \[合格, 不合格, 合格\]/, 'results: [合格, 不合格, 合格, 合格]')],
  ['a unit without its owner', (t: string) => t.replace(/(- name: [^\n]+\n)(\s+)owner: [^\n]+\n/, '$1')],
])('%s: diagnostics are placed from the quick reader\'s offsets as from the Document', (_what, mutate) => {
  const round = fs.mkdtempSync(path.join(dir, 'q-'));
  fs.cpSync(SEED, round, { recursive: true });
  const acc = path.join(round, 'accounts.yaml');
  const text = fs.readFileSync(acc, 'utf8');
  expect(mutate(text)).not.toBe(text);
  fs.writeFileSync(acc, mutate(text));
  const c = new RoundState('q', round).compute();
  const placed = placeDiagnostics(c);
  expect(placed.some((d) => d.file === 'accounts.yaml' && d.unitId)).toBe(true);
  // with each file's Document built, placeDiagnostics reads the Document instead
  const quick = isQuickRead(c.loaded.files.accounts!);
  for (const f of Object.values(c.loaded.files)) void f?.doc;
  expect(isQuickRead(c.loaded.files.accounts!)).toBe(false);
  expect(placeDiagnostics(c)).toEqual(placed);
  quickCases += quick ? 1 : 0;
});

let quickCases = 0;
afterAll(() => {
  // (some messages need the Document anyway; at least one case must have compared the two)
  expect(quickCases).toBeGreaterThan(0);
});
