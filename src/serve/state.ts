// One round as the server holds it: each data file's bytes, hash, stat and parse, kept between
// requests. A request first looks at each file's stat (inode, size, mtime, ctime); only a file
// that changed is read again, and only one whose bytes differ is parsed again. Edits are saved
// through src/edit (saveVersions: history, atomic write, refused when a file changed behind our
// back) from the kept bytes; in a large file an edit inside one unit is applied to that unit's
// lines and bytes and the kept parse is patched (window.ts: the quick reader's value of a
// quick-read file, else the Document), so the file is not read, decoded or parsed again. Validation, the model and the proofreading findings are computed once per
// version of the files and kept until a file changes.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { applyEdits as applyDefault, commitEdits, sameFile, saveVersions, StaleFileError } from '../edit';
import type { CommitResult, DataFileName, Edit, NewVersion } from '../edit';
import { asWarning, createUnitsMemo, dataCounts, lintForBuild, lintRound, noticeParagraphs } from '../lint';
import type { TextFinding } from '../lint';
import { OPTIONAL_FILES, ROUND_FILES, assembleRound, parseRoundFile, yamlNamesIn } from '../load/round';
import { displayPath, sizeProblem } from '../load/yaml-file';
import type { LoadedRound, OptionalFileKind, ParsedRoundFile, RoundFileKind } from '../load/round';
import { createAggregateMemo } from '../aggregate/aggregate';
import { modelOf } from '../pipeline';
import type { Block } from '../render/blocks';
import { renderNoticeBlocks } from '../render/template/notice';
import { createValidateMemo, validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import type { Chunks } from '../write/chunks';
import { sha256, sha256Marked } from '../write/hash';
import type { HashMarks } from '../write/hash';
import type { InputEntry } from '../write/manifest';
import { linkDiagnostic } from './links';
import { hasBom, planInUnits, planInUnitsQuick } from './window';
import type { UnitPlan } from './window';

export type FileKind = RoundFileKind | OptionalFileKind;
export const DATA_FILES: readonly DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];
const WINDOW_MIN_BYTES = 512 * 1024;

interface Entry {
  abs: string;
  /** the file's text as on disk (BOM kept) */
  raw: string;
  /** its bytes (an edit splices the edited units' bytes into them: write/chunks.ts), when read */
  bytes?: Chunks;
  hash: string;
  mtimeMs: number;
  size: number;
  /** lstat of the file as read: while the file's stat is the same, `hash` is its hash */
  stat?: fs.Stats;
  /** the hash's state along `bytes` (an edit hashes again only from the first byte it changed) */
  marks?: HashMarks;
  parsed: ParsedRoundFile;
}

/** The file is the one an entry holds: same inode, size, modification and change time (commit.ts sameFile). */
function unchanged(e: Entry, st: fs.Stats): boolean {
  return e.stat ? sameFile(st, e.stat) : e.mtimeMs === st.mtimeMs && e.size === st.size;
}

export interface Computed {
  version: number;
  loaded: LoadedRound;
  validated: ValidatedRound | null;
  /** validation errors, or the validated round's warnings */
  diagnostics: Diagnostic[];
  model: ReportModel | null;
  /** proofreading findings (warnings) */
  lint: Diagnostic[];
  /** the notice's blocks (preview) and paragraphs of text (proofreading, overview), when the model is there */
  blocks: Block[] | null;
  paragraphs: string[];
}

export interface RoundStateOptions {
  /** files at least this large are edited unit by unit (window.ts); default 512 KB */
  windowMinBytes?: number;
}

export class RoundState {
  private entries = new Map<FileKind, Entry>();
  private version = 0;
  private computed: Computed | null = null;
  /** the folder's YAML file names as last seen (yamlNamesIn) */
  private yamlNames = '';
  /** proofreading results of each text, valid while notice.yaml, terms.yaml and the data's counts stay as they are */
  private lintMemo = { key: '', memo: new Map<string, TextFinding[]>(), counts: '', countsMemo: new Map<string, TextFinding[]>(), units: createUnitsMemo() };
  /** what validation keeps per unit between versions (src/validate/memo.ts) */
  private validateMemo = createValidateMemo();
  /** what aggregate keeps per unit between versions */
  private aggregateMemo = createAggregateMemo();
  /** files re-read from disk since the state was made (for tests and the bench) */
  reads = 0;
  /** files parsed in full since the state was made */
  parses = 0;

  constructor(
    readonly name: string,
    /** real path of the round folder */
    readonly dir: string,
    private readonly opts: RoundStateOptions = {},
  ) {}

  /** Look at every file; re-read the ones whose mtime or size changed. True when any changed. */
  refresh(): boolean {
    // a YAML file that appeared, went or was renamed (calendar.yml → calendar.yaml) changes
    // which files are not read, said as warnings (load/round.ts unreadFiles)
    const names = yamlNamesIn(this.dir).join('\n');
    let changed = names !== this.yamlNames;
    this.yamlNames = names;
    for (const kind of [...ROUND_FILES, ...OPTIONAL_FILES]) {
      const abs = path.join(this.dir, `${kind}.yaml`);
      // lstat: a data file that is a symbolic link is not read (links.ts)
      const st = fs.lstatSync(abs, { throwIfNoEntry: false });
      const had = this.entries.get(kind);
      if (st?.isSymbolicLink()) {
        if (!had || had.hash !== '' || had.mtimeMs !== st.mtimeMs) {
          this.entries.set(kind, { abs, raw: '', hash: '', mtimeMs: st.mtimeMs, size: st.size, parsed: { file: null, diagnostics: [linkDiagnostic(`${kind}.yaml`)] } });
          changed = true;
        }
        continue;
      }
      if (!st || !st.isFile()) {
        if (had) {
          this.entries.delete(kind);
          changed = true;
        }
        continue;
      }
      if (had && unchanged(had, st)) continue;
      const big = sizeProblem(displayPath(abs, this.dir), st.size);
      if (big) {
        // refused unread, as loadRound does; an edit of it meets a hash that matches nothing (409)
        this.entries.set(kind, { abs, raw: '', hash: '', mtimeMs: st.mtimeMs, size: st.size, parsed: { file: null, diagnostics: [big] } });
        changed = true;
        continue;
      }
      const bytes = fs.readFileSync(abs);
      this.reads++;
      const { hash, marks } = sha256Marked(bytes);
      if (had && had.hash === hash) {
        Object.assign(had, { mtimeMs: st.mtimeMs, stat: st, bytes: [bytes], marks });
        continue;
      }
      const raw = bytes.toString('utf8');
      this.parses++;
      const parsed = parseRoundFile(abs, bytes, this.dir, raw);
      // a large file's units are found on its first edit (window.ts), not here: opening a round pays only for what it shows
      this.entries.set(kind, { abs, raw, bytes: [bytes], hash, mtimeMs: st.mtimeMs, size: st.size, stat: st, marks, parsed });
      changed = true;
    }
    if (changed) this.version++;
    return changed;
  }

  /** sha256 of each data file as last read (what an edit must carry). */
  hashes(): Partial<Record<DataFileName, string>> {
    const out: Partial<Record<DataFileName, string>> = {};
    for (const f of DATA_FILES) {
      const e = this.entries.get(f.replace('.yaml', '') as FileKind);
      if (e) out[f] = e.hash;
    }
    return out;
  }

  /** sha256 of every file present, by file name. */
  hashesByName(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, e] of this.entries) out[`${k}.yaml`] = e.hash;
    return out;
  }

  /** Size and sha256 of every file present, as a manifest records its inputs. */
  inputs(): InputEntry[] {
    return [...this.entries].map(([k, e]) => ({ name: `${k}.yaml`, size: e.size, sha256: e.hash }));
  }

  /** The kept parse of a file. */
  parsed(kind: FileKind): ParsedRoundFile | undefined {
    return this.entries.get(kind)?.parsed;
  }

  /** The texts of the data files as last read. */
  text(kind: FileKind): string | undefined {
    return this.entries.get(kind)?.raw;
  }

  /** Validation, model and findings of the current files (computed once per version). */
  compute(): Computed {
    this.refresh();
    if (this.computed?.version === this.version) return this.computed;
    const parsed: Partial<Record<FileKind, ParsedRoundFile>> = {};
    for (const [k, e] of this.entries) parsed[k] = e.parsed;
    const loaded = assembleRound(this.dir, this.dir, parsed);
    const { value, diagnostics } = validateRound(loaded, this.validateMemo);
    let model: ReportModel | null = null;
    let lint: Diagnostic[] = [];
    let paragraphs: string[] = [];
    let blocks: Block[] | null = null;
    const memoKey = `${this.entries.get('notice')?.hash}:${this.entries.get('terms')?.hash}`;
    if (this.lintMemo.key !== memoKey) this.lintMemo = { key: memoKey, memo: new Map(), counts: '', countsMemo: new Map(), units: createUnitsMemo() };
    if (value) {
      model = modelOf(value, this.aggregateMemo);
      blocks = renderNoticeBlocks(model);
      paragraphs = noticeParagraphs(model, blocks);
      // what build prints as proofreading findings (the validation warnings are in `diagnostics`)
      // contradicts-data reads the data's counts: its findings are kept apart, while they stay the same
      const counts = sha256(JSON.stringify(dataCounts(model)));
      if (this.lintMemo.counts !== counts) Object.assign(this.lintMemo, { counts, countsMemo: new Map() });
      lint = lintForBuild(value, model, { memo: this.lintMemo.memo, countsMemo: this.lintMemo.countsMemo, units: this.lintMemo.units, paragraphs });
    } else if (loaded.files.notice && loaded.files.notice.doc.errors.length === 0) {
      const { notice, sites, accounts, terms } = loaded.files;
      if (this.lintMemo.counts !== '') Object.assign(this.lintMemo, { counts: '', countsMemo: new Map() });
      lint = lintRound({ notice, sites, accounts, terms }, undefined, undefined, { memo: this.lintMemo.memo, countsMemo: this.lintMemo.countsMemo, units: this.lintMemo.units }).map(asWarning);
    }
    this.computed = { version: this.version, loaded, validated: value, diagnostics, model, lint, blocks, paragraphs };
    return this.computed;
  }

  /**
   * Save edits (src/edit: refused with StaleFileError when a file changed since `expected`,
   * nothing written). The files' kept hashes, proved current by their stat (refresh), stand for
   * reading them again; an edit inside units of a large file is applied to those units' lines
   * and bytes (window.ts), and the kept parse follows once the file is saved — no file is read,
   * decoded or parsed again. A refused edit leaves the kept state as it was.
   */
  edit(edits: readonly Edit[], expected: Partial<Record<DataFileName, string>>): CommitResult {
    this.refresh();
    const files = [...new Set(edits.map((e) => e.file))].sort();
    const entries = files.map((f) => this.entries.get(kindOf(f)));
    // a file missing, or not read (a link, too large): src/edit reads it and says what is wrong
    if (entries.some((e) => !e || !e.bytes || !e.stat)) return this.editFromDisk(edits, expected);
    const minBytes = this.opts.windowMinBytes ?? WINDOW_MIN_BYTES;
    const hashes: Partial<Record<DataFileName, string>> = {};
    const versions: NewVersion[] = [];
    const plans = new Map<DataFileName, { plan: UnitPlan; marks: HashMarks }>();
    for (const [i, f] of files.entries()) {
      const e = entries[i]!;
      const want = expected[f];
      if (want !== undefined && want !== e.hash) throw new StaleFileError(f);
      hashes[f] = e.hash;
      const es = edits.filter((x) => x.file === f);
      let plan: UnitPlan | null = null;
      if (e.raw.length >= minBytes && e.parsed.file) {
        // a quick-read file is edited without its Document; else the kept Document is patched
        // (the BOM from the bytes: the kept text may be a rope that reading would copy whole)
        plan = planInUnitsQuick(e.parsed, f, hasBom(e.bytes!), es, e.bytes) ?? planInUnits(e.parsed, f, e.raw, es);
      }
      if (plan) {
        if (!plan.changed) continue;
        const bytes = plan.bytes ?? [Buffer.from(plan.raw, 'utf8')];
        const { hash, marks } = sha256Marked(bytes, plan.bytes && e.marks ? { marks: e.marks, from: plan.from } : undefined);
        plans.set(f, { plan, marks });
        versions.push({ file: f, bytes, hash, seen: e.stat!, previousHash: e.hash });
        continue;
      }
      const after = applyDefault(e.raw, es, f);
      if (after === e.raw) continue;
      const bytes = Buffer.from(after, 'utf8');
      versions.push({ file: f, bytes, hash: sha256(bytes), seen: e.stat!, previousHash: e.hash });
    }
    if (!versions.length) return { changed: [], history: null, hashes };
    const saved = saveVersions(this.dir, versions);
    for (const v of versions) {
      hashes[v.file] = v.hash;
      const kind = kindOf(v.file);
      const planned = plans.get(v.file);
      const e = this.entries.get(kind)!;
      const st = saved.stats.get(v.file)!;
      if (planned) {
        planned.plan.apply();
        Object.assign(e, { raw: planned.plan.raw, bytes: v.bytes, hash: v.hash, mtimeMs: st.mtimeMs, size: st.size, stat: st, marks: planned.marks });
      } else this.entries.delete(kind); // edited as a whole: read and parsed again below
    }
    this.version++;
    this.refresh();
    return { changed: saved.changed, history: saved.history, hashes };
  }

  /** The edit through src/edit alone (reads the files from disk), the kept entries read again after. */
  private editFromDisk(edits: readonly Edit[], expected: Partial<Record<DataFileName, string>>): CommitResult {
    const result = commitEdits(this.dir, edits, { expectedHashes: expected });
    for (const f of result.changed) this.entries.delete(kindOf(f));
    if (result.changed.length) this.version++;
    this.refresh();
    return result;
  }
}

const kindOf = (f: DataFileName): FileKind => f.replace('.yaml', '') as FileKind;
