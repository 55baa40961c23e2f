// The comparison stage: two validated rounds → pass rates, their change, and what became of
// every unit. Pure: no I/O, no wording beyond the platform labels the caller passes in.
//
// Matching a unit across rounds (docs/compare.md states the same rule for users):
//   sites     1. the same address (scheme, letter case and a closing / ignored, as the
//                duplicate-address check does);
//             2. else the same name, when exactly one unmatched site of that name is left on each side.
//   accounts  1. the same name + platform + 主办单位;
//             2. else the same platform + 主办单位, when exactly one unmatched account of that
//                platform and owner is left on each side (the account was renamed);
//             3. else the same name + platform, when exactly one is left on each side (the
//                主办单位 was renamed).
// Each step only looks at units the earlier steps left unmatched; a unit moved between
// 州直 and 县级 is still the same unit (it is counted at its current level).
import { chineseNumber } from '../aggregate/chinese';
import { urlKey } from '../validate/rules';
import type { JudgedRound, Level, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import type { Change, Rate } from './rate';
import { change, rate } from './rate';

export type UnitKind = 'site' | Platform;
export const UNIT_KINDS: readonly UnitKind[] = ['site', 'weibo', 'wechat'];

/** One site or account of one round, as the comparison sees it. */
export interface Unit {
  kind: UnitKind;
  level: Level;
  name: string;
  /** 主办单位 (accounts); null for sites */
  owner: string | null;
  /** 网址 (sites); null for accounts */
  url: string | null;
  /** passed every inspected month (a site: its result is 合格) */
  passing: boolean;
  /** the failing months as YYYY-MM (accounts); a failing site has none */
  failingMonths: string[];
  /** as the notice lists it: 名称, or 名称（政务微博） for an account */
  label: string;
}

export type MatchRule = 'url' | 'identity' | 'name' | 'owner';

/** A unit found in both rounds. */
export interface MatchedUnit {
  current: Unit;
  previous: Unit;
  /** which rule matched them (see the head of this file) */
  matchedBy: MatchRule;
}

export type RateCategory = 'all' | 'sites' | 'accounts' | 'weibo' | 'wechat';
export const RATE_CATEGORIES: readonly RateCategory[] = ['all', 'sites', 'accounts', 'weibo', 'wechat'];
export type RateScope = 'overall' | Level;
export const RATE_SCOPES: readonly RateScope[] = ['overall', 'department', 'county'];

export type RoundRates = Record<RateCategory, Record<RateScope, Rate>>;

export interface RateComparison {
  previous: Rate;
  current: Rate;
  /** null when either round inspected no unit of this kind */
  change: Change | null;
}

export interface RoundRef {
  /** 2024-Q1 */
  round: string;
  /** 2024年第一季度 */
  label: string;
}

export interface Review {
  /** units failing last round that were inspected again (rectified + stillFailing) */
  previousFailing: number;
  rectified: number;
  stillFailing: number;
  /** units failing last round that are not in this round */
  notInspected: number;
}

export interface Comparison {
  previous: RoundRef;
  current: RoundRef;
  /** the previous round is the quarter right before this one */
  adjacent: boolean;
  rates: Record<RateCategory, Record<RateScope, RateComparison>>;
  /** failing in both rounds (连续两个季度不合格) */
  repeatFailing: MatchedUnit[];
  /** passing last round, failing now */
  newlyFailing: MatchedUnit[];
  /** failing last round, passing now (已整改合格) */
  rectified: MatchedUnit[];
  /** in this round only */
  added: Unit[];
  /** in the previous round only */
  removed: Unit[];
  /** found in both rounds under another name (the 主办单位 may have changed too) */
  renamed: MatchedUnit[];
  /** found in both rounds under the same name with another 主办单位 (not a rename) */
  ownerChanged: MatchedUnit[];
  review: Review;
}

const FAILING = '不合格';

/** Every unit of a round in contract order: sites (州直, 县级), then 微博 and 微信 accounts. */
export function unitsOf(round: JudgedRound, platformLabels: Record<Platform, string>): Unit[] {
  const units: Unit[] = [];
  for (const level of LEVELS) {
    for (const s of round.sites[level]) {
      units.push({ kind: 'site', level, name: s.name, owner: null, url: s.url, passing: s.result !== FAILING, failingMonths: [], label: s.name });
    }
  }
  for (const platform of PLATFORMS) {
    for (const level of LEVELS) {
      for (const a of round.accounts[platform][level]) {
        const failingMonths = a.results.flatMap((r, i) => (r === FAILING ? [round.notice.months[i]] : []));
        units.push({
          kind: platform,
          level,
          name: a.name,
          owner: a.owner,
          url: null,
          passing: failingMonths.length === 0,
          failingMonths,
          label: `${a.name}（${platformLabels[platform]}）`,
        });
      }
    }
  }
  return units;
}

/** The rate categories a unit counts in: 总体, its kind, and 政务新媒体 for an account. */
const CATEGORIES: Record<UnitKind, readonly RateCategory[]> = { site: ['all', 'sites'], weibo: ['all', 'accounts', 'weibo'], wechat: ['all', 'accounts', 'wechat'] };
function categoriesOf(kind: UnitKind): readonly RateCategory[] {
  return CATEGORIES[kind];
}

/** Pass rates of one round by kind of unit and level (one pass over the units: a national round has 165,000). */
export function roundRates(units: readonly Unit[]): RoundRates {
  return countRates((add) => {
    for (const u of units) add(u.kind, u.level, u.passing);
  });
}

/** roundRates(unitsOf(round, …)) without making the units (an object, a label and a list per unit). */
export function roundRatesOf(round: JudgedRound): RoundRates {
  return countRates((add) => {
    for (const level of LEVELS) for (const s of round.sites[level]) add('site', level, s.result !== FAILING);
    for (const platform of PLATFORMS) for (const level of LEVELS) for (const a of round.accounts[platform][level]) add(platform, level, !a.results.includes(FAILING));
  });
}

function countRates(each: (add: (kind: UnitKind, level: Level, passing: boolean) => void) => void): RoundRates {
  const counts = {} as Record<RateCategory, Record<RateScope, { pass: number; total: number }>>;
  for (const c of RATE_CATEGORIES) {
    counts[c] = { overall: { pass: 0, total: 0 }, department: { pass: 0, total: 0 }, county: { pass: 0, total: 0 } };
  }
  // no arrays per unit: the server counts 165,000 units after every edit
  const bump = (x: { pass: number; total: number }, passing: boolean) => {
    x.total++;
    if (passing) x.pass++;
  };
  each((kind, level, passing) => {
    const cats = categoriesOf(kind);
    for (let k = 0; k < cats.length; k++) {
      bump(counts[cats[k]].overall, passing);
      bump(counts[cats[k]][level], passing);
    }
  });
  const out = {} as RoundRates;
  for (const c of RATE_CATEGORIES) {
    out[c] = { overall: rate(counts[c].overall.pass, counts[c].overall.total), department: rate(counts[c].department.pass, counts[c].department.total), county: rate(counts[c].county.pass, counts[c].county.total) };
  }
  return out;
}

type Key = (u: Unit) => string | null;

const KEYS: { rule: MatchRule; key: Key; unique: boolean }[] = [
  { rule: 'url', key: (u) => (u.kind === 'site' && u.url ? `s\u0000${urlKey(u.url)}` : null), unique: false },
  { rule: 'identity', key: (u) => (u.kind !== 'site' ? `${u.kind}\u0000${u.name}\u0000${u.owner}` : null), unique: false },
  { rule: 'name', key: (u) => (u.kind === 'site' ? `s\u0000${u.name}` : null), unique: true },
  { rule: 'owner', key: (u) => (u.kind !== 'site' ? `${u.kind}\u0000${u.owner}` : null), unique: true },
  { rule: 'name', key: (u) => (u.kind !== 'site' ? `${u.kind}\u0000${u.name}` : null), unique: true },
];

function groupBy(units: readonly Unit[], taken: Set<Unit>, key: Key): Map<string, Unit[]> {
  const m = new Map<string, Unit[]>();
  for (const u of units) {
    if (taken.has(u)) continue;
    const k = key(u);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(u);
    else m.set(k, [u]);
  }
  return m;
}

/** Pairs of the same unit in both rounds, in the current round's order. */
export function matchUnits(previous: readonly Unit[], current: readonly Unit[]): MatchedUnit[] {
  const takenPrev = new Set<Unit>();
  const takenCur = new Set<Unit>();
  const pairs = new Map<Unit, MatchedUnit>();
  for (const { rule, key, unique } of KEYS) {
    const prevBy = groupBy(previous, takenPrev, key);
    const curBy = groupBy(current, takenCur, key);
    for (const [k, curs] of curBy) {
      const prevs = prevBy.get(k);
      if (!prevs) continue;
      // a fallback rule matches only when it cannot be wrong: one left on each side
      if (unique && (prevs.length !== 1 || curs.length !== 1)) continue;
      // the primary keys are unique within a round (validation), so pairing in order is exact
      for (let i = 0; i < Math.min(prevs.length, curs.length); i++) {
        takenPrev.add(prevs[i]);
        takenCur.add(curs[i]);
        pairs.set(curs[i], { current: curs[i], previous: prevs[i], matchedBy: rule });
      }
    }
  }
  return current.flatMap((u) => (pairs.has(u) ? [pairs.get(u)!] : []));
}

export function roundRef(code: string): RoundRef {
  const [year, q] = code.split('-Q').map(Number);
  return { round: code, label: `${year}年第${chineseNumber(q)}季度` };
}

/** The quarter before YYYY-Qn. */
export function precedingQuarter(code: string): string {
  const [year, q] = code.split('-Q').map(Number);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** Compare two validated rounds (previous first). */
export function compareRounds(previous: JudgedRound, current: JudgedRound, platformLabels: Record<Platform, string>): Comparison {
  const prevUnits = unitsOf(previous, platformLabels);
  const curUnits = unitsOf(current, platformLabels);
  const matched = matchUnits(prevUnits, curUnits);
  const matchedPrev = new Set(matched.map((m) => m.previous));
  const matchedCur = new Set(matched.map((m) => m.current));

  const prevRates = roundRates(prevUnits);
  const curRates = roundRates(curUnits);
  const rates = {} as Comparison['rates'];
  for (const c of RATE_CATEGORIES) {
    rates[c] = {} as Record<RateScope, RateComparison>;
    for (const s of RATE_SCOPES) rates[c][s] = { previous: prevRates[c][s], current: curRates[c][s], change: change(prevRates[c][s], curRates[c][s]) };
  }

  const repeatFailing = matched.filter((m) => !m.previous.passing && !m.current.passing);
  const rectified = matched.filter((m) => !m.previous.passing && m.current.passing);
  const removed = prevUnits.filter((u) => !matchedPrev.has(u));
  return {
    previous: roundRef(previous.notice.round),
    current: roundRef(current.notice.round),
    adjacent: precedingQuarter(current.notice.round) === previous.notice.round,
    rates,
    repeatFailing,
    newlyFailing: matched.filter((m) => m.previous.passing && !m.current.passing),
    rectified,
    added: curUnits.filter((u) => !matchedCur.has(u)),
    removed,
    renamed: matched.filter((m) => m.previous.name !== m.current.name),
    ownerChanged: matched.filter((m) => m.previous.name === m.current.name && m.previous.owner !== m.current.owner),
    review: {
      previousFailing: rectified.length + repeatFailing.length,
      rectified: rectified.length,
      stillFailing: repeatFailing.length,
      notInspected: removed.filter((u) => !u.passing).length,
    },
  };
}
