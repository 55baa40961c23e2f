// The comparison stage on the fixture rounds 2024-q1 → 2024-q2 → 2024-q3, with every expected
// number worked by hand from the YAML files (arithmetic in the comments), plus the matching
// rules and invariants over random rounds.
import * as path from 'path';
import fc from 'fast-check';
import { compareRounds, matchUnits, roundRates, roundRatesOf, unitsOf } from '../../src/compare/compare';
import type { Comparison, Unit } from '../../src/compare/compare';
import { loadValidated } from '../../src/pipeline';
import type { JudgedAccount, JudgedRound, Result, SiteInput } from '../../src/types';

const ROOT = path.join(__dirname, '..', 'fixtures', 'rounds');
const LABELS = { weibo: '政务微博', wechat: '政务微信' };
const round = (name: string) => loadValidated(path.join(ROOT, name), ROOT, { previous: false }).round;
const names = (list: { current: Unit }[]) => list.map((m) => m.current.label);
const rateText = (c: Comparison, cat: keyof Comparison['rates'], scope: 'overall' | 'department' | 'county') => {
  const r = c.rates[cat][scope];
  return `${r.previous.text}→${r.current.text} ${r.change?.tenths}`;
};

describe('2024-q1 → 2024-q2 (hand-worked)', () => {
  // 2024-q1: sites 市教育局 合格, 市交通运输局 不合格 | 东区 合格, 西县 不合格
  //          微博 某市教育 合格 (judged) | 西县发布 不合格 (2月)
  //          微信 某市交通服务 不合格, 某市<教育>&"家长" 合格 | 东区微政务 合格
  // 2024-q2: sites 市教育局 合格, 市交通运输局 合格 (url without its closing /), 市卫生健康委员会 不合格 (new)
  //                | 东区人民政府 不合格 (东区 renamed, same url), 西县 不合格
  //          微博 某市教育 不合格 (5月) | 西县融媒 合格 (西县发布 renamed, same owner)
  //          微信 某市交通服务 不合格 (4月), 市卫健发布 合格 (new) | 东区微政务 合格; 某市<教育>&"家长" gone
  let c: Comparison;
  beforeAll(() => {
    c = compareRounds(round('2024-q1'), round('2024-q2'), LABELS);
  });

  it('rates and changes', () => {
    // all: q1 5 of 9 pass = 55.555…% → 55.6; q2 5 of 10 = 50.0; 50.0 − 55.6 = −5.6
    expect(rateText(c, 'all', 'overall')).toBe('55.6→50.0 -56');
    // all 市直: q1 市教育局, 某市教育, 某市<教育> pass of 5 = 60.0; q2 市教育局, 市交通运输局, 市卫健发布 of 6 = 50.0
    expect(rateText(c, 'all', 'department')).toBe('60.0→50.0 -100');
    // all 区县: q1 东区, 东区微政务 of 4 = 50.0; q2 西县融媒, 东区微政务 of 4 = 50.0
    expect(rateText(c, 'all', 'county')).toBe('50.0→50.0 0');
    // sites: q1 2/4 = 50.0; q2 2/5 = 40.0 → −10.0
    expect(rateText(c, 'sites', 'overall')).toBe('50.0→40.0 -100');
    // sites 市直: 1/2 = 50.0 → 2/3 = 66.666…→ 66.7: +16.7
    expect(rateText(c, 'sites', 'department')).toBe('50.0→66.7 167');
    // 微博: 1/2 → 1/2
    expect(rateText(c, 'weibo', 'overall')).toBe('50.0→50.0 0');
    // 微信: 2/3 → 2/3 = 66.7 both
    expect(rateText(c, 'wechat', 'overall')).toBe('66.7→66.7 0');
    // 新媒体 市直: q1 2/3 = 66.7; q2 1/3 = 33.3: printed difference 33.4 (not the exact 33.33…)
    expect(rateText(c, 'accounts', 'department')).toBe('66.7→33.3 -334');
  });

  it('units followed from one round to the next', () => {
    expect(names(c.repeatFailing)).toEqual(['西县', '某市交通服务（政务微信）']);
    expect(names(c.newlyFailing)).toEqual(['东区人民政府', '某市教育（政务微博）']);
    expect(names(c.rectified)).toEqual(['市交通运输局', '西县融媒（政务微博）']);
    expect(c.added.map((u) => u.label)).toEqual(['市卫生健康委员会', '市卫健发布（政务微信）']);
    expect(c.removed.map((u) => u.label)).toEqual(['某市<教育>&"家长"（政务微信）']);
    expect(c.renamed.map((m) => `${m.previous.name}→${m.current.name} ${m.matchedBy}`)).toEqual(['东区→东区人民政府 url', '西县发布→西县融媒 owner']);
    // q1 failing: 市交通运输局, 西县, 西县发布, 某市交通服务 = 4, all inspected again: 2 rectified, 2 still failing
    expect(c.review).toEqual({ previousFailing: 4, rectified: 2, stillFailing: 2, notInspected: 0 });
    expect(c.previous).toEqual({ round: '2024-Q1', label: '2024年第一季度' });
    expect(c.adjacent).toBe(true);
  });

  it('the failing months of a repeat failure are the current ones', () => {
    expect(c.repeatFailing[1].current.failingMonths).toEqual(['2024-04']);
    expect(c.repeatFailing[1].previous.failingMonths).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});

describe('2024-q2 → 2024-q3 (hand-worked)', () => {
  // 2024-q3: sites 市教育局, 市交通运输局, 市卫生健康委员会 合格 | 东区人民政府 不合格, 西县 合格, 北县 合格 (new)
  //          微博 某市教育 合格 | 西县融媒 不合格 (8月); 微信 all three 合格
  let c: Comparison;
  beforeAll(() => {
    c = compareRounds(round('2024-q2'), round('2024-q3'), LABELS);
  });

  it('rates and changes', () => {
    // all: q2 5/10 = 50.0; q3 9/11 = 81.8181…% → 81.8; +31.8
    expect(rateText(c, 'all', 'overall')).toBe('50.0→81.8 318');
    // 市直: q3 3 sites + 某市教育 + 2 微信 = 6/6 = 100.0; was 3/6 = 50.0
    expect(rateText(c, 'all', 'department')).toBe('50.0→100.0 500');
    // 区县: q3 西县, 北县, 东区微政务 of 5 = 60.0; was 2/4 = 50.0
    expect(rateText(c, 'all', 'county')).toBe('50.0→60.0 100');
    // sites: 2/5 = 40.0 → 5/6 = 83.333… → 83.3: +43.3
    expect(rateText(c, 'sites', 'overall')).toBe('40.0→83.3 433');
    // 微信: 2/3 = 66.7 → 3/3 = 100.0: +33.3
    expect(rateText(c, 'wechat', 'overall')).toBe('66.7→100.0 333');
  });

  it('units followed', () => {
    expect(names(c.repeatFailing)).toEqual(['东区人民政府']);
    expect(names(c.newlyFailing)).toEqual(['西县融媒（政务微博）']);
    expect(names(c.rectified)).toEqual(['市卫生健康委员会', '西县', '某市教育（政务微博）', '某市交通服务（政务微信）']);
    expect(c.added.map((u) => u.label)).toEqual(['北县']);
    expect(c.removed).toEqual([]);
    expect(c.renamed).toEqual([]);
    // q2 failing: 市卫生健康委员会, 东区人民政府, 西县, 某市教育, 某市交通服务 = 5: 4 rectified, 1 still failing
    expect(c.review).toEqual({ previousFailing: 5, rectified: 4, stillFailing: 1, notInspected: 0 });
  });
});

// ---- matching rules on small hand-made rounds ----

function site(name: string, url: string, result: Result = '合格'): SiteInput {
  return { name, url, result };
}
function acct(name: string, owner: string, result: Result = '合格'): JudgedAccount {
  return { name, owner, results: [result], reasons: [[]] };
}
function mk(code: string, parts: { sites?: SiteInput[]; weibo?: JudgedAccount[]; wechat?: JudgedAccount[] }): JudgedRound {
  return {
    notice: { round: code, months: ['2024-01'] } as JudgedRound['notice'],
    sites: { department: parts.sites ?? [], county: [] },
    accounts: { weibo: { department: parts.weibo ?? [], county: [] }, wechat: { department: parts.wechat ?? [], county: [] } },
  };
}

describe('matching', () => {
  it('sites by address: scheme, letter case and a closing / do not matter; else by a unique name', () => {
    const prev = mk('2024-Q1', { sites: [site('甲', 'http://A.example.gov.cn/'), site('乙', 'http://b.example.gov.cn')] });
    const cur = mk('2024-Q2', { sites: [site('甲局', 'https://a.example.gov.cn'), site('乙', 'http://b2.example.gov.cn')] });
    const m = matchUnits(unitsOf(prev, LABELS), unitsOf(cur, LABELS));
    expect(m.map((x) => `${x.previous.name}→${x.current.name} ${x.matchedBy}`)).toEqual(['甲→甲局 url', '乙→乙 name']);
    const c = compareRounds(prev, cur, LABELS);
    expect(c.added).toEqual([]);
    expect(c.renamed.map((x) => x.current.name)).toEqual(['甲局']);
  });

  it('a renamed account is followed by platform + owner only when that is unambiguous', () => {
    const prev = mk('2024-Q1', { weibo: [acct('旧名', '某局', '不合格'), acct('甲', '两号单位'), acct('乙', '两号单位')] });
    const cur = mk('2024-Q2', { weibo: [acct('新名', '某局'), acct('丙', '两号单位'), acct('丁', '两号单位')] });
    const c = compareRounds(prev, cur, LABELS);
    expect(c.rectified.map((m) => `${m.previous.name}→${m.current.name} ${m.matchedBy}`)).toEqual(['旧名→新名 owner']);
    // 两号单位 has two unmatched accounts on each side: nothing is guessed
    expect(c.added.map((u) => u.name)).toEqual(['丙', '丁']);
    expect(c.removed.map((u) => u.name)).toEqual(['甲', '乙']);
  });

  it('an account whose owner was renamed is followed by name + platform; the platform always counts', () => {
    const prev = mk('2024-Q1', { weibo: [acct('某某发布', '旧局', '不合格')], wechat: [acct('同名', '某局')] });
    const cur = mk('2024-Q2', { weibo: [acct('某某发布', '新局', '不合格'), acct('同名', '某局')] });
    const c = compareRounds(prev, cur, LABELS);
    expect(c.repeatFailing.map((m) => `${m.previous.owner}→${m.current.owner} ${m.matchedBy}`)).toEqual(['旧局→新局 name']);
    // an owner change, not a rename
    expect(c.renamed).toEqual([]);
    expect(c.ownerChanged.map((m) => `${m.current.name}：${m.previous.owner}→${m.current.owner}`)).toEqual(['某某发布：旧局→新局']);
    // a 微信 account is never the same unit as a 微博 account of the same name and owner
    expect(c.added.map((u) => u.label)).toEqual(['同名（政务微博）']);
    expect(c.removed.map((u) => u.label)).toEqual(['同名（政务微信）']);
  });

  it('an exact identity wins over a fallback', () => {
    // 乙 keeps its name and owner; 甲 was renamed 丙. Owner fallback alone would be ambiguous
    // (two accounts of 某局), but once 乙 is matched exactly only one is left on each side.
    const prev = mk('2024-Q1', { weibo: [acct('甲', '某局'), acct('乙', '某局')] });
    const cur = mk('2024-Q2', { weibo: [acct('乙', '某局'), acct('丙', '某局')] });
    const m = matchUnits(unitsOf(prev, LABELS), unitsOf(cur, LABELS));
    expect(m.map((x) => `${x.previous.name}→${x.current.name} ${x.matchedBy}`)).toEqual(['乙→乙 identity', '甲→丙 owner']);
  });

  it('a failing unit no longer inspected is counted as not inspected in the review', () => {
    const prev = mk('2024-Q1', { sites: [site('甲', 'http://a.gov.cn', '不合格'), site('乙', 'http://b.gov.cn', '不合格')] });
    const cur = mk('2024-Q3', { sites: [site('乙', 'http://b.gov.cn')] });
    const c = compareRounds(prev, cur, LABELS);
    expect(c.review).toEqual({ previousFailing: 1, rectified: 1, stillFailing: 0, notInspected: 1 });
    expect(c.adjacent).toBe(false); // 2024-Q1 is not the quarter before 2024-Q3
  });
});

// ---- invariants over random pairs of rounds ----

const result = fc.constantFrom<Result>('合格', '不合格');
// a small pool of names, owners and hosts so that random rounds share, rename and repeat units
const pick = (xs: string[]) => fc.constantFrom(...xs);
const siteArb = fc.record({ name: pick(['甲', '乙', '丙', '丁']), host: pick(['a', 'b', 'c', 'd', 'e']), result });
const acctArb = fc.record({ name: pick(['一', '二', '三', '四']), owner: pick(['局1', '局2', '局3']), results: fc.array(result, { minLength: 2, maxLength: 2 }) });
function uniq<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && !!seen.add(key(x)));
}
const roundArb = (code: string) =>
  fc
    .record({
      sd: fc.array(siteArb, { maxLength: 5 }),
      sc: fc.array(siteArb, { maxLength: 5 }),
      wb: fc.array(acctArb, { maxLength: 5 }),
      wx: fc.array(acctArb, { maxLength: 5 }),
    })
    .map((r): JudgedRound => {
      // validation keeps addresses unique in a round, and names unique in a table
      const sites = uniq([...r.sd.map((s) => ({ ...s, level: 'department' })), ...r.sc.map((s) => ({ ...s, level: 'county' }))], (s) => s.host);
      const toSite = (s: { name: string; host: string; result: Result }, i: number): SiteInput => ({ name: `${s.name}${i}`, url: `http://${s.host}.gov.cn`, result: s.result });
      const toAcct = (a: { name: string; owner: string; results: Result[] }): JudgedAccount => ({ name: a.name, owner: a.owner, results: a.results, reasons: [[], []] });
      return {
        notice: { round: code, months: ['2024-01', '2024-02'] } as JudgedRound['notice'],
        sites: { department: sites.filter((s) => s.level === 'department').map(toSite), county: sites.filter((s) => s.level === 'county').map(toSite) },
        accounts: {
          weibo: { department: uniq(r.wb, (a) => a.name).map(toAcct), county: [] },
          wechat: { department: [], county: uniq(r.wx, (a) => a.name).map(toAcct) },
        },
      };
    });

describe('invariants', () => {
  it('rectified + still failing = last round’s failing units found again; every unit is matched, added or removed once', () => {
    fc.assert(
      fc.property(roundArb('2024-Q1'), roundArb('2024-Q2'), (prev, cur) => {
        const c = compareRounds(prev, cur, LABELS);
        const p = unitsOf(prev, LABELS);
        const q = unitsOf(cur, LABELS);
        const matched = matchUnits(p, q);
        const prevFailing = p.filter((u) => !u.passing);
        const foundAgain = prevFailing.filter((u) => matched.some((m) => m.previous === u));
        expect(c.review.rectified + c.review.stillFailing).toBe(foundAgain.length);
        expect(c.review.previousFailing).toBe(foundAgain.length);
        expect(c.review.notInspected).toBe(prevFailing.length - foundAgain.length);
        expect(matched.length + c.added.length).toBe(q.length);
        expect(matched.length + c.removed.length).toBe(p.length);
        // no unit is matched twice
        expect(new Set(matched.map((m) => m.previous)).size).toBe(matched.length);
        // failing now = repeat + newly failing + added failing
        expect(c.repeatFailing.length + c.newlyFailing.length + c.added.filter((u) => !u.passing).length).toBe(q.filter((u) => !u.passing).length);
      }),
      { numRuns: 300 },
    );
  });

  it('roundRatesOf (no Unit objects) gives what roundRates over unitsOf gives', () => {
    for (const name of ['2024-q1', '2024-q2', '2024-q3']) expect(roundRatesOf(round(name))).toEqual(roundRates(unitsOf(round(name), LABELS)));
    fc.assert(
      fc.property(roundArb('2024-Q1'), (r) => {
        expect(roundRatesOf(r)).toEqual(roundRates(unitsOf(r, LABELS)));
      }),
      { numRuns: 300 },
    );
  });

  it('rates lie in [0, 100] and count what they say', () => {
    fc.assert(
      fc.property(roundArb('2024-Q1'), (r) => {
        const units = unitsOf(r, LABELS);
        const rates = roundRates(units);
        for (const cat of Object.values(rates)) {
          for (const x of Object.values(cat)) {
            if (x.total === 0) expect(x.tenths).toBeNull();
            else expect(x.tenths! >= 0 && x.tenths! <= 1000).toBe(true);
            expect(x.pass).toBeLessThanOrEqual(x.total);
          }
        }
        expect(rates.all.overall.total).toBe(units.length);
        expect(rates.all.department.total + rates.all.county.total).toBe(units.length);
        expect(rates.sites.overall.pass + rates.weibo.overall.pass + rates.wechat.overall.pass).toBe(rates.all.overall.pass);
        expect(rates.accounts.overall.total).toBe(rates.weibo.overall.total + rates.wechat.overall.total);
      }),
      { numRuns: 300 },
    );
  });
});
