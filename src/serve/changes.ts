// What changed since the last build, as `tongbao diff` says it. The last build's manifest records
// the SHA-256 of each data file it was built from; those versions are found among the current
// files and the data folder's history/<n>/ (where every edit keeps the previous file), and
// compared unit by unit with diffRounds. When a version cannot be found (edited outside the
// page and not kept), the files that differ are named and the notice's facts recorded in the
// manifest are compared with the current ones, which is enough to say whether the notice changes.
import * as fs from 'fs';
import * as path from 'path';
import { diffRounds, summarize } from '../handoff/diff';
import type { DataChange, Summary } from '../handoff/diff';
import { assembleRound, readRoundFile } from '../load/round';
import type { OptionalFileKind, ParsedRoundFile, RoundFileKind } from '../load/round';
import { modelOf } from '../pipeline';
import { validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import { sha256 } from '../write/hash';
import { versionNumbers } from './history';
import { HISTORY_DIR, ManifestError, dataFingerprint, noticeDifferences, readManifest } from '../write/manifest';
import type { Manifest } from '../write/manifest';
import type { Computed, RoundState } from './state';

export type { Changes } from '../../web/src/api-types';
import type { Changes } from '../../web/src/api-types';

const KIND: Record<DataChange['change'], string> = { added: '新增', removed: '删除', changed: '修改' };

export function changeLine(c: DataChange): string {
  const what = c.change === 'changed' ? `${c.field ?? ''}：${c.old ?? ''} → ${c.new ?? ''}` : (c.change === 'added' ? c.new : c.old) ?? '';
  return `${c.area}　${c.unit}　${KIND[c.change]}　${what}`;
}

export function readManifestSafe(outDir: string): { manifest: Manifest; text: string } | null {
  try {
    return fs.existsSync(outDir) ? readManifest(outDir) : null;
  } catch (e) {
    if (e instanceof ManifestError) return null;
    throw e;
  }
}

/** Finds earlier versions of a round's data files by hash; hashes of history files are kept. */
export class BuildBaseline {
  private hashCache = new Map<string, { mtimeMs: number; size: number; hash: string }>();
  /** the built round, with what the diff needs of its model (not the model: at national scale it is large) */
  private old: { fingerprint: string; round: ValidatedRound | null; summary: Summary | null } | null = null;

  constructor(private readonly dataDir: string) {}

  private hashOf(file: string): string | null {
    // lstat: a version that is a symbolic link is not read (links.ts)
    const st = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!st || !st.isFile()) return null;
    const c = this.hashCache.get(file);
    if (c && c.mtimeMs === st.mtimeMs && c.size === st.size) return c.hash;
    const hash = sha256(fs.readFileSync(file));
    this.hashCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, hash });
    return hash;
  }

  /** The path of a version of `name` with this hash: the current file, else the newest in history. */
  find(name: string, hash: string, current: string | undefined): string | null {
    const here = path.join(this.dataDir, name);
    if (current === hash) return here;
    const hist = path.join(this.dataDir, HISTORY_DIR);
    // plain version folders only, newest first (none when history/ is a symbolic link)
    for (const d of versionNumbers(this.dataDir)) {
      const f = path.join(hist, String(d), name);
      if (this.hashOf(f) === hash) return f;
    }
    return null;
  }

  /** The validated round the manifest was built from (and its model), when every file of it can be found. */
  roundOf(m: Manifest, state: RoundState): { round: ValidatedRound; summary: Summary } | null {
    if (this.old?.fingerprint === m.data.fingerprint) return this.old.round && this.old.summary ? { round: this.old.round, summary: this.old.summary } : null;
    const current = state.hashesByName();
    const parsed: Partial<Record<RoundFileKind | OptionalFileKind, ParsedRoundFile>> = {};
    let round: ValidatedRound | null = null;
    let complete = true;
    for (const f of m.data.files) {
      const at = this.find(f.name, f.sha256, current[f.name]);
      if (!at) {
        complete = false;
        break;
      }
      const kind = f.name.replace(/\.yaml$/, '') as RoundFileKind | OptionalFileKind;
      parsed[kind] = at === path.join(this.dataDir, f.name) && state.parsed(kind) ? state.parsed(kind)! : readRoundFile(at, this.dataDir);
    }
    if (complete) round = validateRound(assembleRound(this.dataDir, this.dataDir, parsed)).value;
    const summary = round ? summarize(modelOf(round)) : null;
    this.old = { fingerprint: m.data.fingerprint, round, summary };
    return round && summary ? { round, summary } : null;
  }
}

export function changesSinceBuild(state: RoundState, c: Computed, outDir: string, baseline: BuildBaseline): Changes | null {
  const prev = readManifestSafe(outDir);
  if (!prev) return null;
  const m = prev.manifest;
  const inputs = state.inputs();
  if (dataFingerprint(inputs) === m.data.fingerprint) return { sinceBuild: false, noticeChanges: false, lines: [] };
  if (!c.model || !c.validated) {
    return { sinceBuild: true, noticeChanges: true, lines: ['数据有错误，改正后才能比较通报的变化'] };
  }
  // the current model's facts once, for the notice's differences and for the diff
  const now = summarize(c.model);
  const notice = noticeDifferences(m.notice, now.facts);
  const lines: string[] = [];
  const old = baseline.roundOf(m, state);
  if (old) {
    const d = diffRounds(old.round, c.validated, { before: old.summary, after: now });
    lines.push(...changeLines(d.changes));
    for (const t of d.totals) if (t.old !== t.new) lines.push(`合计　${t.label}：${t.old} → ${t.new}`);
  } else {
    const was = new Map(m.data.files.map((f) => [f.name, f.sha256]));
    for (const f of inputs) {
      if (!was.has(f.name)) lines.push(`${f.name} 新增`);
      else if (was.get(f.name) !== f.sha256) lines.push(`${f.name} 已改动（上次生成时的版本不在 history 中，无法逐项比较）`);
    }
    for (const f of m.data.files) if (!inputs.some((x) => x.name === f.name)) lines.push(`${f.name} 已删除`);
  }
  lines.push(...visible(notice).map((n) => `通报将有不同：${n}`));
  return { sinceBuild: true, noticeChanges: notice.length > 0, lines };
}

/**
 * The units' changes as lines, a rename said as one: a unit removed and one added in the same
 * table with the same details apart from the name (or the only two such in that table) is
 * “改名：旧名 → 新名”, not 删除 + 新增.
 */
export function changeLines(changes: readonly DataChange[]): string[] {
  const out: string[] = [];
  const paired = new Set<DataChange>();
  const areas = new Map<string, { added: DataChange[]; removed: DataChange[] }>();
  for (const c of changes) {
    if (c.change === 'changed') continue;
    const a = areas.get(c.area) ?? { added: [], removed: [] };
    (c.change === 'added' ? a.added : a.removed).push(c);
    areas.set(c.area, a);
  }
  const renames = new Map<DataChange, DataChange>();
  for (const { added, removed } of areas.values()) {
    const rest = (c: DataChange, text: string | undefined) => (text ?? '').split(c.unit).join('');
    for (const r of removed) {
      const same = added.find((a) => !paired.has(a) && rest(a, a.new) === rest(r, r.old));
      const only = added.length === 1 && removed.length === 1 ? added[0] : undefined;
      const a = same ?? only;
      if (a && !paired.has(a)) {
        paired.add(a);
        paired.add(r);
        renames.set(a, r);
      }
    }
  }
  for (const c of changes) {
    if (renames.has(c)) {
      const r = renames.get(c)!;
      const detail = (c.new ?? '').split(c.unit).join('') !== (r.old ?? '').split(r.unit).join('') ? `（${r.old} → ${c.new}）` : '';
      out.push(`${c.area}　${r.unit} → ${c.unit}　改名${detail}`);
    } else if (!paired.has(c)) out.push(changeLine(c));
  }
  return visible(out);
}

/** Lines that show a difference: “a → a” parts (the same text on both sides) are dropped. */
export function visible(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const at = line.lastIndexOf('：');
    if (at < 0 || !line.includes(' → ')) {
      out.push(line);
      continue;
    }
    const parts = line.slice(at + 1).split('，');
    const kept = parts.filter((p) => {
      const m = /^(.*?)\s*(\S*) → (.*)$/.exec(p);
      if (!m) return true;
      const [, , before, after] = m;
      return before.trim() !== after.trim();
    });
    if (kept.length) out.push(line.slice(0, at + 1) + kept.join('，'));
  }
  return out;
}
