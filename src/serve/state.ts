// One round as the server holds it: each data file's bytes, hash, mtime and parse, kept between
// requests. A request first looks at each file's mtime and size; only a file that changed is
// read again, and only one whose bytes differ is parsed again. Edits go through src/edit
// (commitEdits: hash check, history, atomic write); in a large file an edit inside one unit is
// applied to that unit's lines and the kept parse is patched (window.ts: the quick reader's
// value of a quick-read file, else the Document), so the file is not parsed again. Validation, the model and the proofreading findings are computed once per
// version of the files and kept until a file changes.
import * as fs from 'fs';
import * as path from 'path';
import type { ReportModel } from '../aggregate/model';
import type { Diagnostic } from '../diagnostics';
import { applyEdits as applyDefault, commitEdits } from '../edit';
import type { CommitResult, DataFileName, Edit } from '../edit';
import { asWarning, createUnitsMemo, dataCounts, lintForBuild, lintRound, noticeParagraphs } from '../lint';
import type { TextFinding } from '../lint';
import { OPTIONAL_FILES, ROUND_FILES, assembleRound, parseRoundFile } from '../load/round';
import { displayPath, sizeProblem } from '../load/yaml-file';
import type { LoadedRound, OptionalFileKind, ParsedRoundFile, RoundFileKind } from '../load/round';
import { createAggregateMemo } from '../aggregate/aggregate';
import { modelOf } from '../pipeline';
import type { Block } from '../render/blocks';
import { renderNoticeBlocks } from '../render/template/notice';
import { createValidateMemo, validateRound } from '../validate';
import type { ValidatedRound } from '../validate';
import { sha256 } from '../write/hash';
import type { InputEntry } from '../write/manifest';
import { linkDiagnostic } from './links';
import { applyInUnits, applyInUnitsQuick } from './window';

export type FileKind = RoundFileKind | OptionalFileKind;
export const DATA_FILES: readonly DataFileName[] = ['notice.yaml', 'sites.yaml', 'accounts.yaml'];

interface Entry {
  abs: string;
  /** the file's text as on disk (BOM kept) */
  raw: string;
  hash: string;
  mtimeMs: number;
  size: number;
  parsed: ParsedRoundFile;
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
    let changed = false;
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
      if (had && had.mtimeMs === st.mtimeMs && had.size === st.size) continue;
      const big = sizeProblem(displayPath(abs, this.dir), st.size);
      if (big) {
        // refused unread, as loadRound does; an edit of it meets a hash that matches nothing (409)
        this.entries.set(kind, { abs, raw: '', hash: '', mtimeMs: st.mtimeMs, size: st.size, parsed: { file: null, diagnostics: [big] } });
        changed = true;
        continue;
      }
      const bytes = fs.readFileSync(abs);
      this.reads++;
      const hash = sha256(bytes);
      if (had && had.hash === hash) {
        had.mtimeMs = st.mtimeMs;
        continue;
      }
      const raw = bytes.toString('utf8');
      this.parses++;
      this.entries.set(kind, { abs, raw, hash, mtimeMs: st.mtimeMs, size: st.size, parsed: parseRoundFile(abs, bytes, this.dir) });
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
   * nothing written). The kept state follows without parsing a large file again when the
   * edits fall inside units.
   */
  edit(edits: readonly Edit[], expected: Partial<Record<DataFileName, string>>): CommitResult {
    this.refresh();
    const patched = new Set<DataFileName>();
    const minBytes = this.opts.windowMinBytes ?? 512 * 1024;
    let result: CommitResult;
    try {
      result = commitEdits(this.dir, edits, {
        expectedHashes: expected,
        apply: (text, es, file) => {
          const e = this.entries.get(file.replace('.yaml', '') as FileKind);
          if (e && e.raw.length >= minBytes && e.raw === text) {
            // a quick-read file is edited without its Document; else the kept Document is patched
            const next = applyInUnitsQuick(e.parsed, file, text, es) ?? applyInUnits(e.parsed, file, text, es);
            if (next !== null) {
              patched.add(file);
              return next;
            }
          }
          return applyDefault(text, es, file);
        },
      });
    } catch (err) {
      // a patched parse no longer matches the file on disk: read it again next time
      for (const f of patched) this.entries.delete(f.replace('.yaml', '') as FileKind);
      if (patched.size) this.version++;
      throw err;
    }
    for (const f of result.changed) {
      const kind = f.replace('.yaml', '') as FileKind;
      const e = this.entries.get(kind);
      const abs = path.join(this.dir, f);
      if (e && e.parsed.file && patched.has(f)) {
        const st = fs.statSync(abs);
        e.raw = (e.raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '') + e.parsed.file.text;
        e.hash = result.hashes[f]!;
        e.mtimeMs = st.mtimeMs;
        e.size = st.size;
      } else this.entries.delete(kind);
    }
    if (result.changed.length) this.version++;
    this.refresh();
    return result;
  }
}
