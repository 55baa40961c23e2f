// The units a round's circular names as failing, each once, in the order the notice lists them
// (sites, then accounts as the text has them): what rectify.yaml may speak of. Pure.
import type { ReportModel } from '../aggregate/model';
import type { JudgedRound, Level, Platform } from '../types';
import { urlKey } from '../validate/rules';

export type ItemKind = 'site' | Platform;

export interface FailingItem {
  kind: ItemKind;
  level: Level;
  name: string;
  /** 网址 of a site; null for an account */
  url: string | null;
  /** the responsible unit: a site's own name (sites are named after their unit), an account's 主办单位 */
  unit: string;
  /** 政府网站 / 政务微博 / 政务微信 */
  kindLabel: string;
  /** labels of the failing months (accounts), e.g. ["8月", "10月"] */
  failingMonths: string[];
  /** the monthly rule's figures for each failing month, when judged from update dates ("8月更新5天，少于每月8天") */
  reasons: string[];
  /** 问题曝光情况 as the data gives them */
  problems: string[];
}

/** The identity rectify.yaml and the ledger use: a site by its address, an account by name + platform. */
export function itemKey(kind: ItemKind, nameOrUrl: string): string {
  return kind === 'site' ? `site\u0000${urlKey(nameOrUrl)}` : `${kind}\u0000${nameOrUrl.trim()}`;
}

export function keyOf(item: Pick<FailingItem, 'kind' | 'name' | 'url'>): string {
  return itemKey(item.kind, item.kind === 'site' ? item.url! : item.name);
}

/** 网站 label for sites in messages and tables. */
export const SITE_LABEL = '政府网站';

export function failingItems(round: JudgedRound, model: ReportModel): FailingItem[] {
  const items: FailingItem[] = [];
  for (const s of model.failingSites) {
    items.push({ kind: 'site', level: s.level, name: s.name, url: s.url, unit: s.name, kindLabel: SITE_LABEL, failingMonths: [], reasons: [], problems: [...s.problems] });
  }
  // names are unique within one table: one lookup per failing account, not a scan (national rounds)
  const tables = new Map<string, Map<string, JudgedRound['accounts'][Platform][Level][number]>>();
  const tableOf = (p: Platform, l: Level) => {
    let t = tables.get(`${p}/${l}`);
    if (!t) {
      t = new Map(round.accounts[p][l].map((x) => [x.name, x]));
      tables.set(`${p}/${l}`, t);
    }
    return t;
  };
  for (const a of model.failingAccounts) {
    const judged = tableOf(a.platform, a.level).get(a.name);
    const reasons: string[] = [];
    // the monthly rule said in full for a unit reading it on its own ("少于每月8天")
    const spelt = (t: string) => t.replace(/^(\d{1,2}月更新\d+天，少于)(\d+天)$/, '$1每月$2');
    if (judged) judged.results.forEach((r, i) => r === '不合格' && reasons.push(...(judged.reasons[i] ?? []).map(spelt)));
    items.push({
      kind: a.platform,
      level: a.level,
      name: a.name,
      url: null,
      unit: a.owner,
      kindLabel: a.platformLabel,
      failingMonths: [...a.failingMonths],
      reasons,
      problems: [...(judged?.problems ?? [])],
    });
  }
  return items;
}
