// src/memo.ts: what is kept between runs must give what a fresh run gives, after any edits.
import fc from 'fast-check';
import { KeyCounts, ListMemo } from '../../src/memo';

type Item = { name: string };
/** An edit of a list as the server sees them: an item replaced by a new object, one added or removed, nothing. */
const step = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), name: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), name: fc.constantFrom('a', 'b', 'e') }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat(), name: fc.constant('') }),
  fc.record({ op: fc.constant('none' as const), at: fc.nat(), name: fc.constant('') }),
);

function apply(lists: Item[][], s: { op: string; at: number; name: string }, which: number): void {
  const list = lists[which % lists.length];
  if (s.op === 'replace' && list.length) list[s.at % list.length] = { name: s.name };
  if (s.op === 'insert') list.splice(s.at % (list.length + 1), 0, { name: s.name });
  if (s.op === 'remove' && list.length) list.splice(s.at % list.length, 1);
}

describe('ListMemo', () => {
  test('after any edits, map gives what a fresh map gives, and made only the new items', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 8 }), fc.array(fc.tuple(step, fc.constantFrom('', 'ctx2'))), (names, steps) => {
        const list: Item[] = names.map((name) => ({ name }));
        const memo = new ListMemo<string>();
        let made = 0;
        const make = (u: unknown, i: number) => {
          made++;
          return `${i}:${(u as Item).name}`;
        };
        expect(memo.map(list, '', make)).toEqual(list.map((u, i) => `${i}:${u.name}`));
        let context = '';
        for (const [s, ctx] of steps) {
          const before = list.slice();
          apply([list], s, 0);
          made = 0;
          const out = memo.map(list, ctx, make)!;
          expect(out).toEqual(list.map((u, i) => `${i}:${u.name}`));
          const sameShape = ctx === context && before.length === list.length;
          if (sameShape) expect(made).toBe(list.filter((u, i) => u !== before[i]).length);
          out.push('the caller owns what it gets');
          context = ctx;
        }
      }),
    );
  });

  test('an item that cannot be made leaves the memo as it was', () => {
    const memo = new ListMemo<number>();
    const a = { n: 1 };
    const b = { n: 2 };
    expect(memo.map([a, b], '', (u) => (u as { n: number }).n)).toEqual([1, 2]);
    const bad = { n: -1 };
    expect(memo.map([a, bad], '', (u) => ((u as { n: number }).n < 0 ? undefined : (u as { n: number }).n))).toBeUndefined();
    let made = 0;
    expect(memo.map([a, b], '', (u) => (made++, (u as { n: number }).n))).toEqual([1, 2]);
    expect(made).toBe(0);
  });
});

describe('KeyCounts', () => {
  test.each([
    ['keys that name their list', false],
    ['each list counting its own keys (perList)', true],
  ])('after any edits, says whether a key repeats within the lists as a fresh count does: %s', (_, perList) => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 5 }), { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(step, fc.nat())), (start, steps) => {
        const lists: Item[][] = start.map((l) => l.map((name) => ({ name })));
        const counts = new KeyCounts(perList);
        // repeats are counted per list, as names per group are: by a key naming the list, or by the list's own count
        const keyOf = (u: unknown, l: number) => ((u as Item).name === 'e' ? undefined : perList ? (u as Item).name : `${l}:${(u as Item).name}`);
        const fresh = () => lists.some((l, i) => {
          const keys = l.map((u) => keyOf(u, i)).filter((k) => k !== undefined);
          // (a key may stand once in each list)
          return new Set(keys).size !== keys.length;
        });
        expect(counts.update(lists, keyOf)).toBe(fresh());
        for (const [s, which] of steps) {
          apply(lists, s, which);
          expect(counts.update(lists, keyOf)).toBe(fresh());
        }
      }),
    );
  });
});
