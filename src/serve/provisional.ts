// 预览总在: a preview for a round that parses but does not validate yet. Values still to fill
// (`~`, src/validate/unfilled.ts) are given stand-ins on a copy of the data — a result counts as
// 合格, a date is put in order with the dates known — the copy runs through the same validate →
// aggregate → render, and where the notice prints a stand-in it says 【待填写：…】 instead.
// A unit with a real error (a duplicate name or 网址, a wrong month count) stays: on the copy it
// gets a name or 网址 of its own, or stand-in results, as its errors need (stepUp); its annex row
// says 【有错误：…】 (a link to its box on the page) and — where its results could not be judged.
// Only a unit still failing then is left out. All are named above the preview, and the totals
// count every unit kept. The files are never touched; nothing here is used to build.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import type { LoadedRound } from '../load/round';
import { modelOf } from '../pipeline';
import type { Block } from '../render/blocks';
import { escapeHtml } from '../render/html';
import { renderNoticeBlocks } from '../render/template/notice';
import { LEVELS, PLATFORMS } from '../types';
import { validateRound } from '../validate';
import { indexUnits, offsetOf, unitAt, unitAtQuick } from './units';
import type { UnitIndex } from './units';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const FILL_MARK = (what: string): string => `【待填写：${what}】`;

export interface Provisional {
  model: ReportModel;
  blocks: Block[];
  /** said above the preview: what the preview stands in for */
  notes: string[];
  /** the units marked 【有错误】 in the annexes, by the number in their marker */
  errorUnits: { unitId: string; field: string | null }[];
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Dates for the ones missing, in the order the rules want (from ≤ to ≤ issued < deadline). */
function standInDates(n: Raw): { missing: Set<string>; dates: Record<string, string> } {
  const insp = obj(n.inspection);
  const known: Record<string, string | null> = {
    from: typeof insp.from === 'string' && DATE.test(insp.from) ? insp.from : null,
    to: typeof insp.to === 'string' && DATE.test(insp.to) ? insp.to : null,
    issued: typeof n.issued === 'string' && DATE.test(n.issued) ? n.issued : null,
    deadline: typeof n.deadline === 'string' && DATE.test(n.deadline) ? n.deadline : null,
  };
  const isNull = { from: insp.from === null, to: insp.to === null, issued: n.issued === null, deadline: n.deadline === null };
  const months = arr(n.months).filter((m): m is string => typeof m === 'string' && /^\d{4}-\d{2}$/.test(m));
  const anchor = known.issued ?? known.to ?? known.from ?? (known.deadline ? addDays(known.deadline, -7) : months.length ? `${months[months.length - 1]}-28` : '2000-01-01');
  const d = { ...known };
  d.from ??= d.to ?? (d.issued ? d.issued : anchor);
  d.to ??= d.from;
  d.issued ??= d.to! > anchor ? d.to : anchor;
  d.deadline ??= addDays(d.issued!, 7);
  const missing = new Set(Object.entries(isNull).filter(([, v]) => v).map(([k]) => k));
  return { missing, dates: d as Record<string, string> };
}

/** The copy of the data with stand-ins for what is still to fill. */
function standIns(loaded: LoadedRound): { data: LoadedRound['data']; missing: Set<string>; docNumber: boolean } | null {
  const data = structuredClone(loaded.data);
  const n = obj(data.notice);
  if (data.notice === undefined || !Object.keys(n).length) return null;
  const { missing, dates } = standInDates(n);
  const insp = obj(n.inspection);
  if (missing.has('from')) insp.from = dates.from;
  if (missing.has('to')) insp.to = dates.to;
  if (missing.has('issued')) n.issued = dates.issued;
  if (missing.has('deadline')) n.deadline = dates.deadline;
  const docNumber = Object.hasOwn(n, 'doc_number') && n.doc_number === null;
  if (docNumber) delete n.doc_number;
  if (Object.hasOwn(n, 'title') && n.title === null) delete n.title;
  const months = arr(n.months).length || 3;
  const sites = obj(data.sites);
  for (const level of LEVELS) for (const s of arr(sites[level])) if (obj(s).result === null) obj(s).result = '合格';
  const accounts = obj(data.accounts);
  for (const p of PLATFORMS)
    for (const level of LEVELS)
      for (const a of arr(obj(accounts[p])[level])) {
        const acc = obj(a);
        if (acc.results === null) acc.results = Array.from({ length: months }, () => '合格');
        else if (Array.isArray(acc.results)) acc.results = acc.results.map((r) => (r === null ? '合格' : r));
      }
  return { data, missing, docNumber };
}

const DEPTH: Record<string, number> = { 'sites.yaml': 2, 'accounts.yaml': 3 };

/** A unit a real error is about, and how far its copy had to be changed to pass. */
interface BadUnit {
  unitId: string;
  file: 'sites' | 'accounts';
  path: (string | number)[];
  /** the field the first error is at (for the jump) */
  field: string | null;
  /** short clerk words: 名称重复, 结果月数不对 */
  reasons: string[];
  /** the fields its errors are at */
  fields: string[];
  /** steps taken on the copy (stepUp); 3: left out */
  level: number;
  /** given a name of its own on the copy */
  renamed: boolean;
  /** its 网址 when given one of its own on the copy */
  url: string | null;
  /** results stood in on the copy: they cannot be judged */
  unjudged: boolean;
  name: string | null;
}

/** A short reason for the marker, from a validation message (a marker sits in a table cell). */
function reasonOf(message: string, field: string | null): string {
  if (/重复/.test(message)) return field === 'url' ? '网址重复' : field === 'name' ? '名称重复' : '重复';
  if (/各月结果.*有 \d+ 项/.test(message)) return '结果月数不对';
  if (field === 'results' || field === 'result') return '结果有误';
  if (field === 'url') return '网址有误';
  return '数据有误';
}

/** Units (file, YAML path) that errors are about; null when an error is not about a unit. */
function erroneousUnits(loaded: LoadedRound, errors: Diagnostic[], into: Map<string, BadUnit>): boolean {
  // a quick-read file answers from the quick reader's offsets; else one index per file
  const indexes = new Map<string, UnitIndex>();
  for (const d of errors) {
    const kind = d.file === loaded.files.sites?.display ? 'sites' : d.file === loaded.files.accounts?.display ? 'accounts' : null;
    if (!kind) return false; // an error in notice.yaml or elsewhere: no preview
    const f = loaded.files[kind]!;
    const name = `${kind}.yaml`;
    const off = offsetOf(f, d.line, d.col);
    const index = () => indexes.get(name) ?? indexes.set(name, indexUnits(f, name, DEPTH[name])).get(name)!;
    const at = unitAtQuick(f, name, DEPTH[name], off) ?? unitAt(index(), off);
    if (!at.unitId) return false;
    let u = into.get(at.unitId);
    if (!u) {
      const path = at.unitId.split(':').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      u = { unitId: at.unitId, file: kind, path, field: at.field, reasons: [], fields: [], level: 0, renamed: false, url: null, unjudged: false, name: null };
      into.set(at.unitId, u);
    }
    if (at.field && !u.fields.includes(at.field)) u.fields.push(at.field);
    const r = reasonOf(d.message, at.field);
    if (!u.reasons.includes(r)) u.reasons.push(r);
  }
  return true;
}

function listOf(data: LoadedRound['data'], u: BadUnit): unknown[] {
  let holder: unknown = data[u.file];
  for (const seg of u.path.slice(0, -1)) holder = obj(holder)[seg as string];
  return arr(holder);
}

/** A name on the copy no other unit has, taken back out of the model after aggregation. */
const standInName = (name: string | null, k: number): string => `${name ?? ''}〖待核${k}〗`;
const standInUrl = (url: string, k: number): string => `${url.replace(/\/+$/, '')}/tongbao-check-${k}`;
/** The marker put in the annex row; `#k` says which unit it is and is gone from the page's HTML. */
const ERR_TOKEN = (k: number, reasons: string[]): string => `【有错误#${k}：${reasons.join('、')}】`;
export const ERR_MARK = (reasons: string[]): string => `【有错误：${reasons.join('、')}】`;

/**
 * Changes a unit with an error on the copy, one step further each time it still fails: first
 * what its errors are about (a name of its own for a duplicate name; stand-in results for results
 * that cannot be judged, shown as — with the marker), then both; still failing, it is left out.
 * A name is changed only when needed: failing_order names units by their name.
 */
function stepUp(data: LoadedRound['data'], u: BadUnit, k: number, months: number): void {
  const unit = obj(listOf(data, u)[Number(u.path[u.path.length - 1])]);
  if (u.level === 0) u.name = typeof unit.name === 'string' ? unit.name : null;
  u.level++;
  const fields = new Set(u.fields);
  const both = u.level > 1 || !['name', 'url', 'results', 'result'].some((f) => fields.has(f));
  if ((both || fields.has('name')) && !u.renamed) {
    u.renamed = true;
    unit.name = standInName(u.name, k);
  }
  if (fields.has('url') && u.url === null && typeof unit.url === 'string') {
    // a duplicate 网址: one of its own, as for a name
    u.url = unit.url;
    unit.url = standInUrl(unit.url, k);
  }
  if ((both || fields.has('results') || fields.has('result')) && !u.unjudged) {
    u.unjudged = true;
    if (u.file === 'sites') unit.result = '合格';
    else unit.results = Array.from({ length: months }, () => '合格');
  }
}

function replaceStrings(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.includes(from) ? v.split(from).join(to) : v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = replaceStrings(v[i], from, to);
    return v;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Raw;
    for (const key of Object.keys(o)) o[key] = replaceStrings(o[key], from, to);
  }
  return v;
}

export function provisional(loaded: LoadedRound): Provisional | null {
  const s = standIns(loaded);
  if (!s) return null;
  const notes: string[] = [];
  const data = s.data;
  const months = arr(obj(data.notice).months).length || 3;
  const bad = new Map<string, BadUnit>();
  let result = validateRound({ ...loaded, diagnostics: [], data });
  // each unit with an error is changed a step further on the copy until the copy passes
  for (let pass = 0; !result.value && pass < 3; pass++) {
    const now = new Map<string, BadUnit>();
    if (!erroneousUnits(loaded, result.diagnostics.filter((d) => d.severity === 'error'), now) || !now.size) return null;
    for (const [id, u] of now) {
      const known = bad.get(id);
      if (!known) bad.set(id, u);
      else {
        for (const r of u.reasons) if (!known.reasons.includes(r)) known.reasons.push(r);
        known.fields = u.fields;
      }
    }
    const ids = [...bad.keys()];
    const left: BadUnit[] = [];
    for (const id of now.keys()) {
      const u = bad.get(id)!;
      if (u.level < 2 && !(u.renamed && u.unjudged)) stepUp(data, u, ids.indexOf(id), months);
      else left.push(u);
    }
    if (left.length) {
      // still failing with stand-in results: left out, as before (removed from the end first)
      for (const u of left.sort((a, b) => Number(b.path[b.path.length - 1]) - Number(a.path[a.path.length - 1]))) {
        listOf(data, u).splice(Number(u.path[u.path.length - 1]), 1);
        u.level = 3;
      }
      result = validateRound({ ...loaded, diagnostics: [], data });
      break;
    }
    result = validateRound({ ...loaded, diagnostics: [], data });
  }
  if (!result.value) return null;
  const model = modelOf(result.value);
  const ids = [...bad.keys()];
  const kept = [...bad.values()].filter((u) => u.level < 3);
  const out = [...bad.values()].filter((u) => u.level === 3);
  // names back as the data has them, everywhere the notice prints them
  for (const u of kept) {
    if (u.renamed) replaceStrings(model, standInName(u.name, ids.indexOf(u.unitId)), u.name ?? '');
    if (u.url !== null) replaceStrings(model, standInUrl(u.url, ids.indexOf(u.unitId)), u.url);
  }
  // a removed unit shifts the rows after it, so only units kept are marked, by their place
  const removedBefore = (u: BadUnit): number =>
    out.filter((o) => o.file === u.file && o.path.slice(0, -1).join(':') === u.path.slice(0, -1).join(':') && Number(o.path[o.path.length - 1]) < Number(u.path[u.path.length - 1])).length;
  for (const u of kept) {
    const k = ids.indexOf(u.unitId);
    const i = Number(u.path[u.path.length - 1]) - removedBefore(u);
    if (u.file === 'sites') {
      const row = model.annex1.groups.find((g) => g.level === u.path[0])?.rows[i];
      if (!row) continue;
      row.name = `${u.renamed ? (u.name ?? '') : row.name}${ERR_TOKEN(k, u.reasons)}`;
      if (u.unjudged) row.result = '—' as never;
    } else {
      const row = model.annex2.sections.find((x) => x.platform === u.path[0] && x.level === u.path[1])?.rows[i];
      if (!row) continue;
      row.name = `${u.renamed ? (u.name ?? '') : row.name}${ERR_TOKEN(k, u.reasons)}`;
      if (u.unjudged) row.results = row.results.map(() => '—' as never);
    }
  }
  const named = (us: BadUnit[]) => [...us].sort((a, b) => (a.file === b.file ? 0 : a.file === 'sites' ? -1 : 1)).map((u) => (u.name !== null ? `“${u.name}”` : '（无名称）')).join('、');
  if (kept.length) {
    const unjudged = kept.filter((u) => u.unjudged).length;
    notes.push(
      `另有 ${kept.length} 个单位有错误（${named(kept)}），已在附件中标出【有错误】，点它可跳到该单位改正；合计已计入这些单位` +
        (unjudged ? `，其中 ${unjudged} 个的结果无法判定，暂按合格计。` : '。'),
    );
  }
  if (out.length) notes.push(`有错误的 ${out.length} 个单位（${named(out)}）无法排入预览，暂未计入，改正后即计入。`);
  const m = s.missing;
  const mark = FILL_MARK;
  if (m.has('issued')) model.issued = { ...model.issued, text: mark('成文日期') };
  if (m.has('deadline')) model.deadline = { ...model.deadline, text: mark('整改截止日期') };
  if (m.has('from') || m.has('to')) {
    const from = m.has('from') ? mark('检查开始日期') : model.inspection.from.text;
    const to = m.has('to') ? mark('检查结束日期') : model.inspection.to.text;
    model.inspection = { ...model.inspection, span: `${from}至${to}` };
  }
  if (s.docNumber) model.docNumber = mark('发文字号');
  const errorUnits = ids.map((id) => ({ unitId: id, field: bad.get(id)!.field }));
  return { model, blocks: renderNoticeBlocks(model), notes, errorUnits };
}

/**
 * The preview's markers, set apart so a clerk sees them (the HTML is the escaped renderer's; the
 * markers' words are fixed strings of this file). An error marker becomes a link to its unit.
 */
export function markFills(html: string, errorUnits: Provisional['errorUnits'] = []): string {
  return html
    .replace(/【待填写：([^】<]{1,20})】/g, '<mark class="tb-fill">【待填写：$1】</mark>')
    .replace(/【有错误#(\d+)：([^】<]{1,60})】/g, (_, k: string, why: string) => {
      const u = errorUnits[Number(k)];
      if (!u) return `<mark class="tb-err">【有错误：${why}】</mark>`;
      const field = u.field ? ` data-jump-field="${escapeHtml(u.field)}"` : '';
      return `<a class="tb-err" href="#${escapeHtml(u.unitId)}" data-jump-unit="${escapeHtml(u.unitId)}"${field} title="跳到数据中的这个单位改正">【有错误：${why}】</a>`;
    });
}
