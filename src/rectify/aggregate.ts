// Stage 3 for rectification: failing items + what came back → the rectification model.
// Pure: the caller loads rectify.yaml and the wording and passes them in.
import type { ReportModel } from '../aggregate/model';
import { dateText } from '../aggregate/dates';
import { safeFileName } from '../write/file-name';
import type { FailingItem } from './items';
import { keyOf } from './items';
import type { RectifyData } from './load';
import type { RectifyCounts, RectifyItem, RectifyModel, RectifyUnit, ReportStatus } from './model';
import type { RectifyWording } from './wording';

export function reportStatus(reported: string | null, deadline: string): ReportStatus {
  return reported === null ? 'missing' : reported <= deadline ? 'on-time' : 'late';
}

/**
 * The model. `asOf` (YYYY-MM-DD) is the day overdue is reckoned on for units that have not
 * reported; without it only reported dates count, so the same data always gives the same files.
 */
export function rectifyModel(model: ReportModel, items: FailingItem[], data: RectifyData, w: RectifyWording, asOf: string | null = null): RectifyModel {
  const deadline = model.deadline.iso;
  const byUnit = new Map<string, RectifyItem[]>();
  for (const it of items) {
    const e = data.entries.get(keyOf(it));
    const reported = e?.reported ?? null;
    const status = reportStatus(reported, deadline);
    const item: RectifyItem = {
      ...it,
      seq: 0,
      monthsText: it.failingMonths.join('、'),
      reasonsText: it.reasons.join('；'),
      problemsText: it.problems.join('；'),
      reported: reported ? dateText(reported) : null,
      summary: e?.summary ?? null,
      review: e?.review ?? '未复查',
      reviewed: e?.reviewed ? dateText(e.reviewed) : null,
      status,
      overdue: status === 'late' ? true : status === 'on-time' ? false : asOf === null ? null : asOf > deadline,
    };
    const list = byUnit.get(it.unit);
    if (list) list.push(item);
    else byUnit.set(it.unit, [item]);
  }
  const round = model.round.label;
  const taken = new Set<string>();
  const units: RectifyUnit[] = [];
  const ordered: RectifyItem[] = [];
  for (const [name, list] of byUnit) {
    // Windows compares names without case: two units must not get names that collide there
    let fileName = safeFileName(w.noticeFile({ unit: name, round }), '.docx', '整改通知');
    for (let n = 2; taken.has(fileName.toLowerCase()); n++) fileName = safeFileName(w.noticeFile({ unit: name, round }), '.docx', '整改通知', `（${n}）`);
    taken.add(fileName.toLowerCase());
    for (const it of list) {
      it.seq = ordered.length + 1;
      ordered.push(it);
    }
    const sites = list.filter((i) => i.kind === 'site').length;
    units.push({ name, title: w.noticeTitle({ unit: name, round }), fileName, items: list, sites, accounts: list.length - sites });
  }
  const counts: RectifyCounts = { items: ordered.length, units: units.length, onTime: 0, late: 0, missing: 0, overdue: 0, passed: 0, failed: 0, notReviewed: 0 };
  for (const it of ordered) {
    counts[it.status === 'on-time' ? 'onTime' : it.status]++;
    if (it.status === 'missing' && it.overdue) counts.overdue++;
    counts[it.review === '合格' ? 'passed' : it.review === '不合格' ? 'failed' : 'notReviewed']++;
  }
  let ledgerFile = safeFileName(w.ledger.file({ round }), '.xlsx', '整改台账');
  if (taken.has(ledgerFile.toLowerCase())) ledgerFile = safeFileName(w.ledger.file({ round }), '.xlsx', '整改台账', '（台账）');
  return {
    round: model.round,
    noticeTitle: model.title,
    docNumber: model.docNumber,
    issuer: model.issuer,
    scope: model.scope,
    issued: model.issued,
    deadline: model.deadline,
    contact: { ...model.contact },
    asOf: asOf ? dateText(asOf) : null,
    units,
    items: ordered,
    counts,
    ledger: { fileName: ledgerFile, title: w.ledger.title({ round }), sheet: w.ledger.sheet, columns: w.ledger.columns, yes: w.ledger.yes, no: w.ledger.no, notReported: w.ledger.notReported },
  };
}
