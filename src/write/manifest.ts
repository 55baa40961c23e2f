// manifest.json: the record of one set of outputs — which data it was built from, what the
// notice states, and each file's size and SHA-256. It is written last, so a set is committed
// exactly when its manifest is in place. No clock time goes in (the 成文日期 stands in), so
// the same data gives the same bytes. Field meanings: docs/handoff.md.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import { noticeAnnexTables } from '../render/annex-rows';
import type { NoticeTable } from '../render/annex-rows';
import { followUpFact } from '../rectify/followup';
import { sha256 } from './hash';

export const MANIFEST_NAME = 'manifest.json';
export const HISTORY_DIR = 'history';
/** Bumped when a field changes meaning; readers refuse other formats. */
export const MANIFEST_FORMAT = 1;

/** corrections: the 更正记录 that `annexes` keeps (src/handoff/corrections.ts);
 *  annex3: the next circular's 附件3 (units that did not report on rectification);
 *  rectify-notice and ledger: the 整改 folder's per-unit notices and 整改台账 (src/rectify) */
export type OutputRole = 'notice' | 'annex1' | 'annex2' | 'annex3' | 'corrections' | 'rectify-notice' | 'ledger';
export const OUTPUT_ROLES: readonly OutputRole[] = ['notice', 'annex1', 'annex2', 'annex3', 'corrections', 'rectify-notice', 'ledger'];
export const ROLE_LABEL: Record<OutputRole, string> = { notice: '通报', annex1: '附件1', annex2: '附件2', annex3: '附件3', corrections: '更正记录', 'rectify-notice': '整改通知', ledger: '整改台账' };

export interface InputEntry {
  /** file name inside the data folder */
  name: string;
  size: number;
  sha256: string;
}

export interface OutputEntry {
  role: OutputRole;
  name: string;
  size: number;
  sha256: string;
  /** fingerprint of the data this file was rendered from (older than data.fingerprint for a
   *  notice kept by `tongbao annexes`) */
  data: string;
}

/** What the notice states that can be counted, dated or listed; `annexes` exits 3 when any differs. */
export interface NoticeFacts {
  title: string;
  docNumber: string | null;
  issuer: string;
  scope: string;
  recipients: string;
  levels: { department: string; county: string };
  round: string;
  inspection: string;
  coverage: string;
  issued: string;
  deadline: string;
  basis: string[];
  totals: {
    sites: { total: number; department: number; county: number; failing: number };
    accounts: { total: number; department: number; county: number; failing: number };
  };
  failingSites: string[];
  /** as the notice prints them: 名称（政务微博） */
  failingAccounts: string[];
  /** the pass rates, their change and the 复查 figures, when the notice prints them (compare.paragraph) */
  comparison?: string;
  /** the previous round's rectification figures, when the notice prints them (compare.rectification) */
  rectification?: string;
  contact: string;
  annexes: string[];
  /** SHA-256 of the 存在的问题 and 下步要求 paragraphs (quoted verbatim in the notice) */
  prose: string;
  /** the annex tables printed on the notice's 附件 pages (absent in manifests of older versions) */
  annexTables?: NoticeTable[];
}

/**
 * The 正文 of the notice (everything before the first 附件 page, src/handoff/body.ts): its
 * fingerprint apart from the whole file's, so corrections of the 附件 pages leave it provably
 * the same. Carried from set to set while the 正文 stays byte-identical.
 */
export interface BodyRecord {
  /** SHA-256 of the 正文 part of the notice (document.xml before the 附件 pages, and the package) */
  sha256: string;
  /** data fingerprint of the build that first wrote this 正文 */
  since: string;
  /** annex rows corrected since then (`annexes` runs, listed in the 更正记录) */
  corrections: number;
  /** corrections since then that could not be listed row by row, by annex (附件2), one per run:
   *  its previous workbook had been changed by hand and the notice prints no table to compare
   *  with. Absent when there is none (so earlier manifests keep their bytes). */
  unitemized?: string[];
}

export interface Manifest {
  format: number;
  tool: { name: string; version: string };
  round: string;
  title: string;
  issued: string;
  data: { fingerprint: string; files: InputEntry[] };
  notice: NoticeFacts;
  /** absent in manifests of earlier versions */
  body?: BodyRecord;
  outputs: OutputEntry[];
}

export function noticeFacts(model: ReportModel): NoticeFacts {
  const t = model.totals;
  return {
    title: model.title,
    docNumber: model.docNumber,
    issuer: model.issuer,
    scope: model.scope,
    recipients: model.recipients,
    levels: { department: model.levels.department, county: model.levels.county },
    round: model.round.label,
    inspection: model.inspection.span,
    coverage: model.inspection.coverage,
    issued: model.issued.iso,
    deadline: model.deadline.iso,
    basis: model.basis.map((b) => `《${b.title}》${b.number ? `（${b.number}）` : ''}`),
    totals: {
      sites: { total: t.sites.total, department: t.sites.department, county: t.sites.county, failing: t.sites.failing },
      accounts: { total: t.accounts.total, department: t.accounts.department, county: t.accounts.county, failing: t.accounts.failing },
    },
    failingSites: model.failingSites.map((s) => s.name),
    failingAccounts: model.failingAccounts.map((a) => `${a.name}（${a.platformLabel}）`),
    ...comparisonFact(model),
    ...(model.compare?.rectification && model.rectification ? { rectification: followUpFact(model.rectification) } : {}),
    contact: `${model.contact.name}；${model.contact.phone}`,
    annexes: [model.annex1, model.annex2].map((a) => `${a.label} ${a.title}`),
    prose: sha256(JSON.stringify({ problems: model.problems, requirements: model.requirements })),
    annexTables: noticeAnnexTables(model),
  };
}

/** What the comparison paragraph states, in one line; absent when the notice has no such paragraph. */
function comparisonFact(model: ReportModel): { comparison?: string } {
  const r = model.passRates;
  if (!model.compare?.paragraph || !r) return {};
  const pct = (t: string | null) => (t === null ? '—' : `${t}%`);
  const parts = [
    `总体 ${pct(r.all.overall.text)}`,
    `政府网站 ${pct(r.sites.overall.text)}`,
    `${model.platformLabels.weibo} ${pct(r.weibo.overall.text)}`,
    `${model.platformLabels.wechat} ${pct(r.wechat.overall.text)}`,
    `${model.levels.department} ${pct(r.all.department.text)}`,
    `${model.levels.county} ${pct(r.all.county.text)}`,
  ];
  let text = `合格率：${parts.join('，')}`;
  const c = model.comparison;
  if (c) {
    const ch = (x: { change: { tenths: number; text: string } | null }) => (x.change ? `${x.change.tenths < 0 ? '-' : '+'}${x.change.text}` : '—');
    const rates = c.rates;
    text += `；比${c.previous.label}：总体 ${ch(rates.all.overall)}，政府网站 ${ch(rates.sites.overall)}，${model.platformLabels.weibo} ${ch(rates.weibo.overall)}，${model.platformLabels.wechat} ${ch(rates.wechat.overall)}`;
    text += `；复查 ${c.review.previousFailing} 个：已整改合格 ${c.review.rectified}，仍未整改合格 ${c.review.stillFailing}，未检查 ${c.review.notInspected}`;
    if (c.repeatFailing.length) text += `；连续不合格：${c.repeatFailing.map((m) => m.current.label).join('、')}`;
  }
  return { comparison: text };
}

/** The data fingerprint: SHA-256 of the files' `sha256sum` lines sorted by name, so
 *  `sha256sum accounts.yaml notice.yaml sites.yaml | sha256sum` gives the same value. */
export function dataFingerprint(files: InputEntry[]): string {
  return sha256(sortInputs(files).map((f) => `${f.sha256}  ${f.name}\n`).join(''));
}

export function sortInputs(files: InputEntry[]): InputEntry[] {
  return [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function makeManifest(args: {
  version: string;
  model: ReportModel;
  inputs: InputEntry[];
  outputs: OutputEntry[];
  body?: BodyRecord;
}): Manifest {
  const files = sortInputs(args.inputs);
  const order = (o: OutputEntry) => OUTPUT_ROLES.indexOf(o.role);
  return {
    format: MANIFEST_FORMAT,
    tool: { name: 'tongbao', version: args.version },
    round: args.model.round.code,
    title: args.model.title,
    issued: args.model.issued.iso,
    data: { fingerprint: dataFingerprint(files), files },
    notice: noticeFacts(args.model),
    ...(args.body
      ? { body: { sha256: args.body.sha256, since: args.body.since, corrections: args.body.corrections, ...(args.body.unitemized?.length ? { unitemized: [...args.body.unitemized] } : {}) } }
      : {}),
    outputs: [...args.outputs].sort((a, b) => order(a) - order(b)),
  };
}

/** Stable text: keys in the order the objects are built, two-space indent, final newline. */
export function serializeManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

export function parseManifest(text: string, where: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw new ManifestError(`${where} 不是有效的 JSON`);
  }
  const ok =
    m && typeof m === 'object' && m.format === MANIFEST_FORMAT && Array.isArray(m.outputs) && m.data && Array.isArray(m.data.files) && m.notice;
  if (!ok) throw new ManifestError(`${where} 不是 tongbao 清单（或格式版本不同）`);
  return m;
}

/** The record of a new notice's 正文: carried over from the previous set while the 正文 is the
 *  same bytes (with its correction count), else a new one dated by this data. */
export function nextBodyRecord(previous: Manifest | undefined, sha256: string, fingerprint: string): BodyRecord {
  const p = previous?.body;
  if (p && p.sha256 === sha256) return { ...p };
  return { sha256, since: fingerprint, corrections: 0 };
}

/** The manifest in a folder with its exact text, or null when there is none. */
export function readManifest(dir: string): { manifest: Manifest; text: string } | null {
  const file = path.join(dir, MANIFEST_NAME);
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  return { manifest: parseManifest(text, file), text };
}

/** `<notice name without .docx>（送签稿）.zip`, the handoff archive of a set. */
export function packageFileName(m: Pick<Manifest, 'outputs' | 'title'>): string {
  const notice = m.outputs.find((o) => o.role === 'notice');
  const base = notice ? notice.name.replace(/\.docx$/i, '') : m.title;
  return `${base}（送签稿）.zip`;
}

// ---- what the notice would say differently -------------------------------------------------

const dateText = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function listChanges(label: string, before: string[], after: string[], countBefore: number, countAfter: number, renamed?: ReadonlyMap<string, string>): string[] {
  if (before.join('\n') === after.join('\n') && countBefore === countAfter) return [];
  // sets: a national round lists tens of thousands of failing accounts
  const inBefore = new Set(before);
  const inAfter = new Set(after);
  let removed = before.filter((x) => !inAfter.has(x));
  let added = after.filter((x) => !inBefore.has(x));
  // a listed unit renamed is still listed: one entry under its new name, not one in and one out
  const renames: [string, string][] = [];
  if (renamed?.size) {
    const addedSet = new Set(added);
    for (const x of removed) {
      const y = renamed.get(x);
      if (y !== undefined && addedSet.has(y)) renames.push([x, y]);
    }
    const was = new Set(renames.map(([x]) => x));
    const now = new Set(renames.map(([, y]) => y));
    removed = removed.filter((x) => !was.has(x));
    added = added.filter((y) => !now.has(y));
  }
  const parts = [...renames.map(([x, y]) => `名单中 ${x} 改名为 ${y}`), ...added.map((x) => `${x} 新列入`), ...removed.map((x) => `${x} 不再列入`)];
  if (parts.length === 0) parts.push('名单顺序改变');
  return [`${label} ${countBefore} → ${countAfter}：${parts.join('，')}`];
}

/**
 * Each fact the notice's 正文 states that differs, in Chinese, in the order the notice says
 * them, e.g. `不合格政务新媒体 23 → 22：黔东南商务（政务微信） 不再列入`. Empty when the 正文
 * states the same. `renamed` (a list entry as it was → as it is, when the data says a unit was
 * renamed) makes a listed unit's new name one change, `名单中 X 改名为 Y`.
 */
export function noticeDifferences(a: NoticeFacts, b: NoticeFacts, renamed?: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const text = (label: string, x: string | null, y: string | null, show: (v: string) => string = (v) => v) => {
    if (x !== y) out.push(`${label}：${x === null ? '（无）' : show(x)} → ${y === null ? '（无）' : show(y)}`);
  };
  const num = (label: string, x: number, y: number) => {
    if (x !== y) out.push(`${label} ${x} → ${y}`);
  };
  text('标题', a.title, b.title);
  text('发文字号', a.docNumber, b.docNumber);
  text('主送机关', a.recipients, b.recipients);
  if (a.basis.join('') !== b.basis.join('')) out.push(`检查依据：${a.basis.join('')} → ${b.basis.join('')}`);
  text('发文机关', a.issuer, b.issuer);
  text('范围', a.scope, b.scope);
  text('单位分组', `${a.levels.department}、${a.levels.county}`, `${b.levels.department}、${b.levels.county}`);
  text('轮次', a.round, b.round);
  text('检查时间', a.inspection, b.inspection);
  text('检查比例', a.coverage, b.coverage);
  const [sa, sb] = [a.totals.sites, b.totals.sites];
  const [ma, mb] = [a.totals.accounts, b.totals.accounts];
  num('政府网站', sa.total, sb.total);
  num(`${b.levels.county}级政府网站`, sa.county, sb.county);
  num(`${b.levels.department}政府网站`, sa.department, sb.department);
  num('政务微博、政务微信', ma.total, mb.total);
  num(`${b.levels.county}政务微博、政务微信`, ma.county, mb.county);
  num(`${b.levels.department}政务微博、政务微信`, ma.department, mb.department);
  out.push(...listChanges('不合格政府网站', a.failingSites, b.failingSites, sa.failing, sb.failing, renamed));
  out.push(...listChanges('不合格政务新媒体', a.failingAccounts, b.failingAccounts, ma.failing, mb.failing, renamed));
  text('合格率与复查', a.comparison ?? null, b.comparison ?? null);
  text('上季度整改情况', a.rectification ?? null, b.rectification ?? null);
  if (a.prose !== b.prose) out.push('“存在的问题”或“下步要求”的文字有改动');
  text('整改截止日期', a.deadline, b.deadline, dateText);
  if (a.annexes.join('\n') !== b.annexes.join('\n')) out.push(`附件说明：${a.annexes.join('、')} → ${b.annexes.join('、')}`);
  text('成文日期', a.issued, b.issued, dateText);
  text('联系人', a.contact, b.contact);
  // The tables on the 附件 pages are not compared: they are not the 正文, and `annexes`
  // corrects them (noticeTableDifferences says how they differ).
  return out;
}
