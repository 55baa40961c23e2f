// Validation completes each account in place on the schema's own copy (no second copy per
// account): that copy must never be the loaded value itself, which the quick reader keeps for
// proofreading and serve keeps between edits.
import * as path from 'path';
import { loadRound } from '../../src/load/round';
import { validatedOf } from '../../src/pipeline';
import { LEVELS, PLATFORMS } from '../../src/types';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');

test('judged accounts are new objects, and the loaded values are left as read', () => {
  const loaded = loadRound(SEED);
  const raw = loaded.data.accounts as Record<string, Record<string, Record<string, unknown>[]>>;
  const before = JSON.stringify(raw);
  const v = validatedOf(loaded, SEED, { previous: false });
  let n = 0;
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      v.round.accounts[platform][level].forEach((a, i) => {
        const r = raw[platform][level][i];
        expect(a).not.toBe(r);
        expect(a.declared).not.toBe(r.results);
        expect(a.name).toBe(r.name);
        expect(Array.isArray(a.reasons)).toBe(true);
        n++;
      });
    }
  }
  expect(n).toBeGreaterThan(0);
  // nothing added to or changed in the loaded values (results, reasons, declared)
  expect(JSON.stringify(raw)).toBe(before);
});
