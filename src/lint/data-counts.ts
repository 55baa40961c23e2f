// What the data says passed and failed, per group and level, for the contradicts-data rule.
import type { ReportModel } from '../aggregate/model';
import type { DataCounts } from './types';
import { LEVELS, PLATFORMS } from '../types';

export function dataCounts(model: ReportModel): DataCounts {
  const empty = () => ({ department: { total: 0, failing: [] as string[] }, county: { total: 0, failing: [] as string[] } });
  const out: DataCounts = { levels: { ...model.levels }, sites: empty(), accounts: empty(), weibo: empty(), wechat: empty() };
  for (const level of LEVELS) {
    out.sites[level].total = model.totals.sites[level];
    for (const p of PLATFORMS) {
      out[p][level].total = model.totals.accounts.byPlatform[p][level];
      out.accounts[level].total += model.totals.accounts.byPlatform[p][level];
    }
  }
  for (const s of model.failingSites) out.sites[s.level].failing.push(s.name);
  for (const a of model.failingAccounts) {
    out[a.platform][a.level].failing.push(a.name);
    out.accounts[a.level].failing.push(a.name);
  }
  return out;
}
