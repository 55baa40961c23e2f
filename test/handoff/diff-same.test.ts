// diffRounds skips a unit whose compared fields are all the same without making its rows (serve
// diffs a national round against the last build after each edit). Over random changes to
// copies of the seed's units: every changed field is reported, and nothing else.
import * as path from 'path';
import fc from 'fast-check';
import { diffRounds } from '../../src/handoff/diff';
import { loadValidated } from '../../src/pipeline';
import type { JudgedAccount, Level, Platform } from '../../src/types';

const SEED = path.join(__dirname, '..', '..', 'data', '2023-q4');
const ROOT = path.join(__dirname, '..', '..');
const before = loadValidated(SEED, ROOT);

type Change =
  | { kind: 'site'; level: Level; i: number; field: 'url' | 'result' | 'problems' }
  | { kind: 'account'; platform: Platform; level: Level; i: number; field: 'owner' | 'service' | 'results' | 'problems' | 'updates'; month: number };

const level = fc.constantFrom<Level>('department', 'county');
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('site' as const), level, i: fc.nat(), field: fc.constantFrom('url' as const, 'result' as const, 'problems' as const) }),
  fc.record({
    kind: fc.constant('account' as const),
    platform: fc.constantFrom<Platform>('weibo', 'wechat'),
    level,
    i: fc.nat(),
    field: fc.constantFrom('owner' as const, 'service' as const, 'results' as const, 'problems' as const, 'updates' as const),
    month: fc.nat(2),
  }),
);

test('each changed field of a unit is a change; unchanged units and fields are not', () => {
  fc.assert(
    fc.property(fc.array(change, { minLength: 0, maxLength: 6 }), (drawn) => {
      const after = { ...before, round: structuredClone(before.round) };
      // each field of a unit changed once at most (a result flipped twice would be as it was)
      const keyOf = (c: Change) =>
        c.kind === 'site'
          ? `s:${c.level}:${c.i % before.round.sites[c.level].length}:${c.field}`
          : `a:${c.platform}:${c.level}:${c.i % before.round.accounts[c.platform][c.level].length}:${c.field}:${c.field === 'results' ? c.month : ''}`;
      const changes = [...new Map(drawn.map((c) => [keyOf(c), c])).values()];
      const expected = new Set<string>();
      for (const c of changes) {
        if (c.kind === 'site') {
          const list = after.round.sites[c.level];
          const s = list[c.i % list.length];
          if (c.field === 'url') s.url = `${s.url}/x`;
          else if (c.field === 'result') s.result = s.result === '合格' ? '不合格' : '合格';
          else s.problems = [...(s.problems ?? []), '新问题'];
          expected.add(`${s.name}|${{ url: '网址', result: '结果', problems: '问题曝光情况' }[c.field]}`);
        } else {
          const list = after.round.accounts[c.platform][c.level];
          const a: JudgedAccount = list[c.i % list.length];
          let field: string;
          if (c.field === 'owner') (a.owner = `${a.owner}（改）`), (field = '主办单位');
          else if (c.field === 'service') (a.service = !a.service), (field = '服务号');
          else if (c.field === 'problems') (a.problems = [...(a.problems ?? []), '新问题']), (field = '问题曝光情况');
          else if (c.field === 'updates') (a.updates = [...(a.updates ?? []), '2023-08-0' + (c.month + 1)]), (field = '更新日期');
          else {
            a.results = a.results.map((r, m) => (m === c.month ? (r === '合格' ? '不合格' : '合格') : r));
            field = `__month${c.month}`;
          }
          expected.add(`${a.name}|${field}`);
        }
      }
      const d = diffRounds(before, after);
      const columns = new Map<string, number>();
      // month columns are labelled as the annex labels them: map the label back to its index
      const got = new Set(
        d.changes.map((x) => {
          if (x.change !== 'changed') return `${x.unit}|${x.change}`;
          const m = /^(\d+)月/.exec(x.field ?? '');
          if (m && !['网址', '结果', '主办单位', '服务号', '问题曝光情况', '更新日期'].includes(x.field!)) {
            const k = columns.get(x.field!) ?? before.round.notice.months.findIndex((mm) => Number(mm.slice(5)) === Number(m[1]));
            columns.set(x.field!, k);
            return `${x.unit}|__month${k}`;
          }
          return `${x.unit}|${x.field}`;
        }),
      );
      expect(got).toEqual(expected);
    }),
    { numRuns: 200 },
  );
});

