// The page's 整改 tab: a round's failing units with what they reported back (rectify.yaml),
// and saving a change to one of them. The change becomes edits of only the values concerned
// (src/rectify/edits.ts through src/edit), checked as rectify.yaml is checked before it is
// written, with the file's hash as the page read it (a file changed meanwhile is refused).
import * as fs from 'fs';
import * as path from 'path';
import type { RectifyAnswer, RectifyChange, RectifyRequest } from '../../web/src/api-types';
import { commitTexts, fileHash, StaleFileError } from '../edit';
import type { Diagnostic } from '../diagnostics';
import { parseRoundFile } from '../load/round';
import { prepareRectify } from '../rectify';
import { rectifyText } from '../rectify/edits';
import type { ItemState } from '../rectify/edits';
import { problemLines } from '../rectify/ledger';
import { keyOf } from '../rectify/items';
import { checkRectify, RECTIFY_FILE, rectifyPath } from '../rectify/load';
import { REVIEW_RESULTS } from '../rectify/schema';
import { isRealDate } from '../validate/schema';
import { writeFileAtomic } from '../write/atomic';
import type { SourceFile } from '../load/yaml-file';
import { isMap, isSeq } from 'yaml';

/** A request the page should not have sent, or a value that cannot be saved. */
export class RectifyRefused extends Error {
  constructor(
    readonly status: 400 | 409 | 422,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

export function rectifyAnswer(dir: string): RectifyAnswer {
  const p = prepareRectify(dir, dir);
  const file = rectifyPath(dir);
  const c = p.rectify.counts;
  return {
    deadline: p.rectify.deadline.iso,
    hash: fs.existsSync(file) ? fileHash(fs.readFileSync(file)) : null,
    items: p.rectify.items.map((it) => ({
      key: keyOf(it),
      unit: it.unit,
      name: it.name,
      kind: it.kindLabel,
      problems: problemLines(it).replace(/\n/g, '；'),
      reported: it.reported?.iso ?? null,
      summary: it.summary,
      review: it.review,
      reviewed: it.reviewed?.iso ?? null,
      status: it.status,
    })),
    counts: { items: c.items, onTime: c.onTime, late: c.late, missing: c.missing, passed: c.passed, failed: c.failed, notReviewed: c.notReviewed },
  };
}

const dateOrNull = (v: unknown, what: string): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string' || !isRealDate(v)) throw new RectifyRefused(422, `${what}“${String(v)}”不是有效日期，应为 YYYY-MM-DD`);
  return v;
};

/** The request's shape (400); its values are checked where the unit is known (checkedValues). */
function parseRequest(body: unknown): { hash: string | null; changes: Record<string, unknown>[] } {
  const b = body as Partial<RectifyRequest> | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.changes) || !(b.hash === null || typeof b.hash === 'string')) throw new RectifyRefused(400, '请求格式不对：应为 {hash, changes: [...]}');
  const changes = b.changes.map((c: unknown) => {
    const x = c as Record<string, unknown> | null;
    if (!x || typeof x !== 'object' || typeof x.key !== 'string') throw new RectifyRefused(400, '请求格式不对：每项改动要有 key');
    if (!(x.summary === null || x.summary === undefined || typeof x.summary === 'string')) throw new RectifyRefused(400, '整改情况应为文字');
    return x;
  });
  return { hash: b.hash, changes };
}

/** One change's values, refused (422) with the unit named as the 整改 tab names it (政务微博“黔东南发布”). */
function checkedValues(c: Record<string, unknown>, where: string): ItemState {
  try {
    if (!(REVIEW_RESULTS as readonly string[]).includes(c.review as string)) throw new RectifyRefused(422, `复查结果“${String(c.review)}”无效，只能是“合格”“不合格”或“未复查”`);
    const summary = typeof c.summary === 'string' ? c.summary.trim() || null : null;
    return { reported: dateOrNull(c.reported, '报送日期'), summary, review: c.review as RectifyChange['review'], reviewed: dateOrNull(c.reviewed, '复查日期') };
  } catch (e) {
    if (e instanceof RectifyRefused) throw new RectifyRefused(e.status, `${where}：${e.message}`, e.diagnostics);
    throw e;
  }
}

/** The unit a problem in rectify.yaml is at (the entry whose lines hold it), as the 整改 tab names it. */
function unitAt(file: SourceFile, line: number): string | null {
  for (const list of ['sites', 'accounts']) {
    const seq = file.doc.get(list);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (!isMap(item) || !item.range) continue;
      if (line < file.lineCounter.linePos(item.range[0]).line || line > file.lineCounter.linePos(item.range[2]).line) continue;
      const text = (k: string) => (typeof item.get(k) === 'string' ? (item.get(k) as string) : '');
      return list === 'sites' ? `网站“${text('name') || text('url')}”` : `${text('platform')}“${text('name')}”`;
    }
  }
  return null;
}

export function saveRectify(dir: string, body: unknown): RectifyAnswer {
  const req = parseRequest(body);
  const p = prepareRectify(dir, dir);
  const items = p.rectify.items;
  // keys from the request are only ever looked up in a Map of this round's items
  const known = new Map(items.map((i) => [keyOf(i), i]));
  const wanted = new Map<string, ItemState>();
  for (const c of req.changes) {
    const key = c.key as string;
    const item = known.get(key);
    if (!item) throw new RectifyRefused(422, '没有这个不合格单位（页面已过时，请刷新）');
    wanted.set(key, checkedValues(c, `${item.kindLabel}“${item.name}”`));
  }
  const file = rectifyPath(dir);
  const exists = fs.existsSync(file);
  const before = exists ? fs.readFileSync(file) : null;
  const hash = before ? fileHash(before) : null;
  if (hash !== req.hash) throw new RectifyRefused(409, `${RECTIFY_FILE} 已在别处改动，请刷新后再改`);
  const { text, changed } = rectifyText(before ? before.toString('utf8') : null, items, p.data, wanted);
  if (!changed) return rectifyAnswer(dir);
  const parsed = parseRoundFile(file, text, dir);
  const problems = parsed.file && !parsed.diagnostics.length ? checkRectify(parsed.file, parsed.data, p.v.round, items).diagnostics : parsed.diagnostics;
  if (problems.length) {
    const at = (d: Diagnostic) => (parsed.file ? unitAt(parsed.file, d.line) : null);
    const reasons = [...new Set(problems.map((d) => `${at(d) ? `${at(d)}：` : ''}${d.message}`))];
    throw new RectifyRefused(422, `不能保存：${reasons.join('；')}`, problems);
  }
  try {
    if (exists) commitTexts(dir, [RECTIFY_FILE], () => text, { expectedHashes: { 'rectify.yaml': hash! } });
    else writeFileAtomic(path.join(dir, RECTIFY_FILE), text);
  } catch (e) {
    if (e instanceof StaleFileError) throw new RectifyRefused(409, e.message);
    throw e;
  }
  return rectifyAnswer(dir);
}
