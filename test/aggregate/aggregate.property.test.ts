// Invariants of the report model over random rounds (fast-check).
import fc from 'fast-check';
import { aggregate, ANNEX2_ORDER } from '../../src/aggregate/aggregate';
import { loadWording } from '../../src/aggregate/wording';
import type { JudgedAccount, JudgedRound, Result, SiteInput } from '../../src/types';
import { LEVELS, PLATFORMS } from '../../src/types';

const wording = loadWording();
const MONTHS = ['2023-08', '2023-09', '2023-10'];
const result = fc.constantFrom<Result>('合格', '不合格');

// Names are unique within a table (validation guarantees it); the index makes them so.
const sites = (tag: string) =>
  fc.array(result, { maxLength: 12 }).map((rs) => rs.map((r, i): SiteInput => ({ name: `${tag}网站${i}`, url: `http://s${i}.${tag}.gov.cn`, result: r })));
const accounts = (tag: string) =>
  fc.array(fc.array(result, { minLength: 3, maxLength: 3 }), { maxLength: 12 }).map((rows) =>
    rows.map((rs, i): JudgedAccount => ({ name: `${tag}账号${i}`, owner: `${tag}单位`, results: rs, reasons: rs.map(() => []) })),
  );

const round: fc.Arbitrary<JudgedRound> = fc
  .record({
    sd: sites('州'),
    sc: sites('县'),
    wbd: accounts('微博州'),
    wbc: accounts('微博县'),
    wxd: accounts('微信州'),
    wxc: accounts('微信县'),
  })
  .map((r) => ({
    notice: {
      issuer: '州政府政务信息中心',
      scope: '全州',
      levels: { department: '州直部门', county: '县（市）' },
      recipients: '各县（市）人民政府办公室',
      basis: [{ title: '某通知' }],
      round: '2023-Q4',
      inspection: { from: '2023-11-15', to: '2023-11-20', coverage: '100%' },
      months: MONTHS,
      issued: '2023-11-23',
      deadline: '2023-11-28',
      contact: { name: '某人', phone: '1' },
      problems: [{ heading: '甲。', text: '乙' }],
      requirements: [{ heading: '丙。', text: '丁' }],
    },
    sites: { department: r.sd, county: r.sc },
    accounts: { weibo: { department: r.wbd, county: r.wbc }, wechat: { department: r.wxd, county: r.wxc } },
  }));

describe('aggregate invariants', () => {
  test('totals are sums of their parts', () => {
    fc.assert(
      fc.property(round, (rd) => {
        const m = aggregate(rd, wording);
        const t = m.totals;
        expect(t.sites.total).toBe(t.sites.department + t.sites.county);
        expect(t.sites.department).toBe(rd.sites.department.length);
        expect(t.accounts.total).toBe(t.accounts.department + t.accounts.county);
        const bp = t.accounts.byPlatform;
        expect(t.accounts.department).toBe(bp.weibo.department + bp.wechat.department);
        expect(t.accounts.county).toBe(bp.weibo.county + bp.wechat.county);
        expect(m.annex2.sections.reduce((n, s) => n + s.rows.length, 0)).toBe(t.accounts.total);
        expect(m.annex1.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(t.sites.total);
        expect(t.accounts.failing).toBe(m.failingAccounts.length);
        expect(t.sites.failing).toBe(m.failingSites.length);
      }),
    );
  });

  test('the failing list is exactly the accounts with a 不合格 month, platform first, then group, in file order', () => {
    fc.assert(
      fc.property(round, (rd) => {
        const m = aggregate(rd, wording);
        const expected = PLATFORMS.flatMap((p) =>
          LEVELS.flatMap((l) => rd.accounts[p][l].filter((a) => a.results.includes('不合格')).map((a) => `${p}|${l}|${a.name}`)),
        );
        expect(m.failingAccounts.map((f) => `${f.platform}|${f.level}|${f.name}`)).toEqual(expected);
        const sitesExpected = LEVELS.flatMap((l) => rd.sites[l].filter((s) => s.result === '不合格').map((s) => s.name));
        expect(m.failingSites.map((s) => s.name)).toEqual(sitesExpected);
      }),
    );
  });

  test('annex order follows the files; 序号 restart at 1 in every group and table', () => {
    fc.assert(
      fc.property(round, (rd) => {
        const m = aggregate(rd, wording);
        m.annex2.sections.forEach((s, i) => {
          expect([s.level, s.platform]).toEqual(ANNEX2_ORDER[i]);
          expect(s.rows.map((r) => r.name)).toEqual(rd.accounts[s.platform][s.level].map((a) => a.name));
          expect(s.rows.map((r) => r.seq)).toEqual(s.rows.map((_, k) => k + 1));
        });
        m.annex1.groups.forEach((g) => {
          expect(g.rows.map((r) => r.name)).toEqual(rd.sites[g.level].map((x) => x.name));
          expect(g.rows.map((r) => r.seq)).toEqual(g.rows.map((_, k) => k + 1));
        });
      }),
    );
  });

  test('aggregate is pure: same input, same model, input untouched', () => {
    fc.assert(
      fc.property(round, (rd) => {
        const copy = structuredClone(rd);
        const a = aggregate(rd, wording);
        const b = aggregate(rd, wording);
        expect(a).toEqual(b);
        expect(rd).toEqual(copy);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      }),
    );
  });
});
