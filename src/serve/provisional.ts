// 预览总在: a preview for a round that parses but does not validate yet. Values still to fill
// (`~`, src/validate/unfilled.ts) are given stand-ins on a copy of the data — a result counts as
// 合格, a date is put in order with the dates known — the copy runs through the same validate →
// aggregate → render, and where the notice prints a stand-in it says 【待填写：…】 instead.
// Units with a real error (a duplicate name, a wrong month count) are left out of the copy and
// named above the preview. The files are never touched; nothing here is used to build.
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import type { LoadedRound } from '../load/round';
import { modelOf } from '../pipeline';
import type { Block } from '../render/blocks';
import { renderNoticeBlocks } from '../render/template/notice';
import { LEVELS, PLATFORMS } from '../types';
import { validateRound } from '../validate';
import { indexUnits, offsetOf, unitAt } from './units';

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

/** Units (file, YAML path) that errors are about, for leaving them out of the copy. */
function erroneousUnits(loaded: LoadedRound, errors: Diagnostic[]): { file: 'sites' | 'accounts'; path: (string | number)[] }[] | null {
  const out = new Map<string, { file: 'sites' | 'accounts'; path: (string | number)[] }>();
  for (const d of errors) {
    const kind = d.file === loaded.files.sites?.display ? 'sites' : d.file === loaded.files.accounts?.display ? 'accounts' : null;
    if (!kind) return null; // an error in notice.yaml or elsewhere: no preview
    const f = loaded.files[kind]!;
    const at = unitAt(indexUnits(f, `${kind}.yaml`, DEPTH[`${kind}.yaml`]), offsetOf(f, d.line, d.col));
    if (!at.unitId) return null;
    const path = at.unitId.split(':').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    out.set(at.unitId, { file: kind, path });
  }
  return [...out.values()];
}

export function provisional(loaded: LoadedRound): Provisional | null {
  const s = standIns(loaded);
  if (!s) return null;
  const notes: string[] = [];
  let data = s.data;
  let result = validateRound({ ...loaded, diagnostics: [], data });
  if (!result.value) {
    const bad = erroneousUnits(loaded, result.diagnostics.filter((d) => d.severity === 'error'));
    if (!bad || !bad.length) return null;
    data = structuredClone(data);
    const names: string[] = [];
    // remove from the end of each list first, so earlier indexes stay right
    for (const u of [...bad].sort((a, b) => Number(b.path[b.path.length - 1]) - Number(a.path[a.path.length - 1]))) {
      let holder: unknown = data[u.file];
      for (const seg of u.path.slice(0, -1)) holder = obj(holder)[seg as string];
      const list = arr(holder);
      const i = Number(u.path[u.path.length - 1]);
      const name = obj(list[i]).name;
      if (typeof name === 'string') names.push(`“${name}”`);
      list.splice(i, 1);
    }
    result = validateRound({ ...loaded, diagnostics: [], data });
    if (!result.value) return null;
    notes.push(`有错误的 ${bad.length} 个单位（${names.reverse().join('、')}）暂未计入预览，改正后即计入。`);
  }
  const model = modelOf(result.value);
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
  return { model, blocks: renderNoticeBlocks(model), notes };
}

/** The preview's markers, set apart so a clerk sees them (the HTML is the escaped renderer's). */
export function markFills(html: string): string {
  return html.replace(/【待填写：([^】<]{1,20})】/g, '<mark class="tb-fill">【待填写：$1】</mark>');
}
