// Load and validate rectify.yaml: the same reading as the round's own files (size limit,
// UTF-8 only, YAML errors in Chinese at FILE:LINE:COL), the schema, then the references
// checked against the units this round fails — a unit is named the way the rest of the data
// names it (a site by its address, an account by name + platform), never by a row number.
// Every problem is collected; nothing is thrown for bad data.
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';
import { sortDiagnostics } from '../diagnostics';
import { readRoundFile } from '../load/round';
import { displayPath, locate } from '../load/yaml-file';
import type { DataPath, SourceFile } from '../load/yaml-file';
import type { JudgedRound, Platform } from '../types';
import { LEVELS, PLATFORMS } from '../types';
import { issuesToDiagnostics } from '../validate/messages';
import { closest } from '../validate/suggest';
import { PLATFORM_LABEL, urlKey } from '../validate/rules';
import { itemKey, keyOf } from './items';
import type { FailingItem } from './items';
import type { z } from 'zod';
import { PLATFORM_NAMES, rectifyAccountSchema, rectifySchema, rectifySiteSchema } from './schema';
import type { RectifyInput, ReviewResult } from './schema';

export const RECTIFY_FILE = 'rectify.yaml';

/** What one failing unit reported back, as rectify.yaml states it. */
export interface RectifyEntry {
  reported: string | null;
  summary: string | null;
  review: ReviewResult;
  reviewed: string | null;
  /** where the entry is in rectify.yaml (for edits and messages) */
  path: DataPath;
}

export interface RectifyData {
  /** null when the round has no rectify.yaml (every unit: not reported, not reviewed) */
  file: SourceFile | null;
  /** by item key (items.ts keyOf) */
  entries: Map<string, RectifyEntry>;
}

export interface RectifyLoad {
  value: RectifyData | null;
  diagnostics: Diagnostic[];
}

const PLATFORM_OF: Record<string, Platform> = Object.fromEntries(PLATFORMS.map((p) => [PLATFORM_LABEL[p], p]));

export function rectifyPath(roundDir: string): string {
  return path.join(roundDir, RECTIFY_FILE);
}

/** Read and check a round folder's rectify.yaml against the units its circular names as failing. */
export function loadRectify(roundDir: string, cwd: string, round: JudgedRound, items: FailingItem[]): RectifyLoad {
  const abs = rectifyPath(roundDir);
  if (!fs.existsSync(abs)) return { value: { file: null, entries: new Map() }, diagnostics: [] };
  const lst = fs.lstatSync(abs);
  if (lst.isSymbolicLink() || !lst.isFile()) {
    return { value: null, diagnostics: [{ severity: 'error', file: displayPath(abs, cwd), line: 1, col: 1, message: `${RECTIFY_FILE} 不是普通文件（符号链接或文件夹不予读取）` }] };
  }
  const parsed = readRoundFile(abs, cwd, lst.size);
  if (!parsed.file || parsed.diagnostics.length) return { value: null, diagnostics: parsed.diagnostics };
  return checkRectify(parsed.file, parsed.data, round, items);
}

/**
 * rectify.yaml's entries keeping only the fields that pass their schema (the schema's errors are
 * said already); an entry whose unit cannot be named (no valid url, or name and platform) is left out.
 */
function validFields(raw: unknown): RectifyInput {
  const top = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const pick = <T>(list: unknown, schema: typeof rectifySiteSchema | typeof rectifyAccountSchema, required: string[]): T[] =>
    (Array.isArray(list) ? list : []).map((e) => {
      if (e === null || typeof e !== 'object') return undefined;
      const kept: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(schema.shape)) {
        const r = (field as z.ZodType).safeParse((e as Record<string, unknown>)[k]);
        if (r.success && r.data !== undefined) kept[k] = r.data;
      }
      return required.every((k) => k in kept) ? (kept as T) : undefined;
    }) as T[];
  // undefined entries keep the others' indexes (their positions in the file)
  return { sites: pick(top.sites, rectifySiteSchema, ['url']), accounts: pick(top.accounts, rectifyAccountSchema, ['name', 'platform']) };
}

/** The checks on an already parsed rectify.yaml (serve and import reuse them). */
export function checkRectify(file: SourceFile, raw: unknown, round: JudgedRound, items: FailingItem[]): RectifyLoad {
  const out: Diagnostic[] = [];
  const parsed = rectifySchema.safeParse(raw, { reportInput: true });
  // a shape error (a date typed 2023/11/28) is said together with the units' names checked
  // below: the fields that pass are checked, so a mistyped name is not hidden until the rest is fixed
  if (!parsed.success) out.push(...issuesToDiagnostics(parsed.error.issues, rectifySchema, file, raw));
  const data: RectifyInput = parsed.success ? parsed.data : validFields(raw);
  const at = (p: DataPath, message: string) => {
    const pos = locate(file, p);
    out.push({ severity: 'error', file: file.display, line: pos.line, col: pos.col, message });
  };
  const failing = new Map(items.map((i) => [keyOf(i), i]));
  const issued = round.notice.issued;
  const entries = new Map<string, RectifyEntry>();
  const seen = new Map<string, number>();

  // every site and account of the round, to tell "passed this round" from "no such unit"
  const allSites = new Map<string, string>();
  for (const l of LEVELS) for (const s of round.sites[l]) allSites.set(urlKey(s.url), s.name);
  const allAccounts = new Map<string, string>();
  for (const p of PLATFORMS) for (const l of LEVELS) for (const a of round.accounts[p][l]) allAccounts.set(itemKey(p, a.name), a.owner);
  const failingSites = items.filter((i) => i.kind === 'site');
  const failingAccounts = items.filter((i) => i.kind !== 'site');

  const common = (key: string, p: DataPath, e: { reported?: string | null; summary?: string | null; review?: ReviewResult; reviewed?: string | null }) => {
    const line = locate(file, p).line;
    const first = seen.get(key);
    if (first !== undefined) {
      at(p, `同一单位重复列出（第 ${first} 行已有）：每个网站或账号只写一项`);
      return;
    }
    seen.set(key, line);
    const review = e.review ?? '未复查';
    if (e.reported && e.reported < issued) at([...p, 'reported'], `报送日期 ${e.reported} 早于本轮通报的成文日期 ${issued}：整改报告应在通报印发之后`);
    if (e.reviewed && e.reviewed < issued) at([...p, 'reviewed'], `复查日期 ${e.reviewed} 早于本轮通报的成文日期 ${issued}`);
    if (e.reviewed && review === '未复查') at([...p, 'reviewed'], '写了复查日期，但复查结果是“未复查”：请填写复查结果（合格或不合格），或删去复查日期');
    entries.set(key, { reported: e.reported ?? null, summary: e.summary ?? null, review, reviewed: e.reviewed ?? null, path: p });
  };

  (data.sites ?? []).forEach((s, i) => {
    if (!s) return;
    const p: DataPath = ['sites', i];
    const key = itemKey('site', s.url);
    const item = failing.get(key);
    if (!item) {
      const known = allSites.get(urlKey(s.url));
      if (known !== undefined) at([...p, 'url'], `网站“${known}”（${s.url}）本轮合格，不在整改范围：rectify.yaml 只写本轮通报列为不合格的网站和账号`);
      else {
        const guess = closest(s.url, failingSites.map((x) => x.url!));
        at([...p, 'url'], `本轮不合格的网站中没有网址“${s.url}”${guess ? `；是不是“${guess}”？` : '：'}网站按 sites.yaml 中的网址认定`);
      }
      return;
    }
    if (s.name !== undefined && s.name !== item.name) at([...p, 'name'], `网址 ${s.url} 的网站在 sites.yaml 中名为“${item.name}”，这里写的是“${s.name}”：名称可不写，写了须一致`);
    common(key, p, s);
  });

  (data.accounts ?? []).forEach((a, i) => {
    if (!a) return;
    const p: DataPath = ['accounts', i];
    const platform = PLATFORM_OF[a.platform];
    const key = itemKey(platform, a.name);
    const item = failing.get(key);
    if (!item) {
      if (allAccounts.has(key)) at([...p, 'name'], `账号“${a.name}”（${a.platform}）本轮合格，不在整改范围：rectify.yaml 只写本轮通报列为不合格的网站和账号`);
      else {
        const labels = failingAccounts.map((x) => `${x.name}（${x.kindLabel}）`);
        const guess = closest(`${a.name}（${a.platform}）`, labels);
        const other = PLATFORM_NAMES.find((n) => n !== a.platform)!;
        const elsewhere = failing.has(itemKey(PLATFORM_OF[other], a.name));
        const hint = elsewhere ? `；本轮不合格的是“${a.name}（${other}）”，平台是不是写错了？` : guess ? `；是不是“${guess}”？` : '：';
        at([...p, 'name'], `本轮不合格的${a.platform}中没有“${a.name}”${hint}${hint === '：' ? '账号按 accounts.yaml 中的名称和平台认定' : ''}`);
      }
      return;
    }
    if (a.owner !== undefined && a.owner !== item.unit) at([...p, 'owner'], `“${a.name}”（${a.platform}）在 accounts.yaml 中的主办单位是“${item.unit}”，这里写的是“${a.owner}”：主办单位可不写，写了须一致`);
    common(key, p, a);
  });

  if (out.length) return { value: null, diagnostics: sortDiagnostics(out) };
  return { value: { file, entries }, diagnostics: [] };
}
