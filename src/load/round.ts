// Stage 1, load a round: the three YAML files of a data folder (plus the optional
// calendar.yaml and terms.yaml), parsed with positions. Problems are returned, not thrown.
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';
import { decodeYamlBytes, displayPath, parseYamlBytes, parseYamlText, sizeProblem, toData } from './yaml-file';
import type { SourceFile } from './yaml-file';

export const ROUND_FILES = ['notice', 'sites', 'accounts'] as const;
export type RoundFileKind = (typeof ROUND_FILES)[number];
export const OPTIONAL_FILES = ['calendar', 'terms'] as const;
export type OptionalFileKind = (typeof OPTIONAL_FILES)[number];
/** Every file the tool reads in a data folder: rectify.yaml too (read by src/rectify/load.ts). */
const READ_KINDS = [...ROUND_FILES, ...OPTIONAL_FILES, 'rectify'] as const;

export interface LoadedRound {
  dir: string;
  files: Partial<Record<RoundFileKind | OptionalFileKind, SourceFile>>;
  /** plain JS values of each file that parsed without YAML errors */
  data: Partial<Record<RoundFileKind | OptionalFileKind, unknown>>;
  diagnostics: Diagnostic[];
  /** files in the folder that look like data but are not read (unreadFiles); they do not stop the build */
  warnings: Diagnostic[];
}

/** One data file parsed, with the plain value when it parsed cleanly. */
export interface ParsedRoundFile {
  /** null when the file could not be read as text at all (too large, not UTF-8) */
  file: SourceFile | null;
  diagnostics: Diagnostic[];
  data?: unknown;
}

/**
 * Parse one data file held by a caller: bytes are decoded first (other encodings than UTF-8
 * are refused), a string is taken as already decoded; `decoded`: the bytes' UTF-8 text when the
 * caller has it (the encoding is still checked on the bytes). Aliases are expanded within limits.
 */
export function parseRoundFile(abs: string, content: string | Buffer, cwd: string, decoded?: string): ParsedRoundFile {
  const display = displayPath(abs, cwd);
  const { file, diagnostics } = typeof content === 'string' ? parseYamlText(content, abs, display) : parseYamlBytes(content, abs, display, decoded);
  if (!file || diagnostics.length) return { file, diagnostics };
  const js = toData(file);
  return js.diagnostics.length ? { file, diagnostics: js.diagnostics } : { file, diagnostics: [], data: js.data };
}

/**
 * A data file that is a symbolic link, said at FILE:1:1; null for anything else. A link may point
 * anywhere (a system file, another round): commands neither read its text (nor echo it in
 * messages) nor write through or over it (`encoding --fix` refuses with this message).
 */
export function symlinkProblem(abs: string, cwd: string): Diagnostic | null {
  if (!fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) return null;
  return { severity: 'error', file: displayPath(abs, cwd), line: 1, col: 1, message: '是符号链接（指向别处的文件），未读取：数据文件须是数据文件夹中的真实文件，请把文件本身复制进来' };
}

/** Read and parse one data file from disk; one too large is refused before it is read. */
export function readRoundFile(abs: string, cwd: string, size?: number): ParsedRoundFile {
  const link = symlinkProblem(abs, cwd);
  if (link) return { file: null, diagnostics: [link] };
  if (size === undefined) size = fs.statSync(abs).size;
  const big = sizeProblem(displayPath(abs, cwd), size);
  if (big) return { file: null, diagnostics: [big] };
  // decoded here, so that the bytes are no longer held while the text is parsed
  const decoded = decodeYamlBytes(fs.readFileSync(abs), displayPath(abs, cwd));
  return 'text' in decoded ? parseRoundFile(abs, decoded.text, cwd) : { file: null, diagnostics: decoded.diagnostics };
}

/**
 * A round from files already parsed: `parsed` holds each file present in the folder. Lets a
 * long-running caller (tongbao serve) re-parse only the files that changed.
 */
export function assembleRound(abs: string, cwd: string, parsed: Partial<Record<RoundFileKind | OptionalFileKind, ParsedRoundFile>>): LoadedRound {
  const out: LoadedRound = { dir: abs, files: {}, data: {}, diagnostics: [], warnings: unreadFiles(abs, cwd) };
  for (const kind of [...ROUND_FILES, ...OPTIONAL_FILES]) {
    const p = parsed[kind];
    if (!p) {
      if ((ROUND_FILES as readonly string[]).includes(kind)) out.diagnostics.push(missingFile(path.join(abs, `${kind}.yaml`), kind, cwd));
      continue;
    }
    if (p.file) out.files[kind] = p.file;
    out.diagnostics.push(...p.diagnostics);
    if (p.diagnostics.length === 0) out.data[kind] = p.data;
  }
  return out;
}

/**
 * Files in the folder that are surely the missing data file under another name: `sites.yaml.txt`
 * (Windows hides known extensions, so Notepad's “sites.yaml” became sites.yaml.txt), `sites.yml`,
 * `Sites.YAML` (a case-sensitive drive), and their combinations.
 */
export function misnamedCandidates(dir: string, kind: string, names?: readonly string[]): string[] {
  if (!names) {
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
  }
  const want = `${kind}.yaml`;
  return names.filter((n) => n !== want && new RegExp(`^${kind}\\.ya?ml(\\.txt)?$`, 'i').test(n)).sort();
}

/** A YAML file by its name, Notepad's `.yaml.txt` included. */
const YAML_NAME = /\.ya?ml(\.txt)?$/i;

/**
 * The YAML files of a data folder, by name: not folders (history/ and any other), not hidden
 * files (the tool's own temporary files, .tongbao-tmp-…; macOS's ._sites.yaml on a USB drive),
 * not other kinds of file (README, workbooks). What unreadFiles looks at; the server compares
 * it between requests to see a file appear, go or be renamed.
 */
export function yamlNamesIn(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => !e.isDirectory() && !e.name.startsWith('.') && YAML_NAME.test(e.name)).map((e) => e.name).sort();
}

/** `name` in `dir` is the file `want` itself (a case-insensitive drive opens Sites.YAML as sites.yaml). */
function sameFileAs(dir: string, name: string, want: string): boolean {
  const a = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
  const b = fs.statSync(path.join(dir, want), { throwIfNoEntry: false });
  return !!a && !!b && a.ino === b.ino && a.dev === b.dev;
}

/**
 * Warnings for the YAML files of a data folder that are not read, so that none is ignored
 * unsaid: a look-alike of an optional file (calendar.yml, terms.yaml.txt, Rectify.yaml — its
 * calendar or terms would silently not be used) or of a file that is there too (sites.yml
 * beside sites.yaml), and any other YAML file (sites (2).yaml, accounts - 副本.yaml: a copy
 * Windows made, an old version). Each at the file itself, FILE:1:1. A missing required file's
 * look-alikes are said by its error (missingFile), not again here.
 */
export function unreadFiles(dir: string, cwd: string, names: readonly string[] = yamlNamesIn(dir)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (name: string, message: string) => out.push({ severity: 'warning', file: displayPath(path.join(dir, name), cwd), line: 1, col: 1, message });
  const claimed = new Set<string>();
  for (const kind of READ_KINDS) {
    const want = `${kind}.yaml`;
    claimed.add(want);
    const found = misnamedCandidates(dir, kind, names).filter((n) => !sameFileAs(dir, n, want));
    for (const n of found) claimed.add(n);
    const there = fs.lstatSync(path.join(dir, want), { throwIfNoEntry: false }) !== undefined;
    if (!found.length || (!there && (ROUND_FILES as readonly string[]).includes(kind))) continue;
    if (there) {
      for (const n of found) warn(n, `文件夹中有 ${n}，但只读取 ${want}：这个文件没有使用。要用其中的内容，请并入 ${want}；不用就删去或移走`);
    } else if (found.length === 1) {
      warn(found[0], `文件夹中有 ${found[0]}，但只读取 ${want}：这个文件没有使用；${misnamedWhy(found[0], kind)}。请把它改名为 ${want}`);
    } else {
      warn(found[0], `文件夹中有 ${found.join('、')}，但只读取 ${want}：这些文件都没有使用。请把要用的那一个改名为 ${want}，其余的删去或移走`);
    }
  }
  const read = READ_KINDS.map((k) => `${k}.yaml`).join('、');
  for (const n of names) {
    if (claimed.has(n)) continue;
    // a hard link or a case variant the drive opens as a data file is read after all
    if (READ_KINDS.some((k) => sameFileAs(dir, n, `${k}.yaml`))) continue;
    warn(n, `文件夹中有 ${n}，但只读取 ${read}：这个文件没有使用。要用其中的内容，请并入相应的文件；不用就删去或移走`);
  }
  return out;
}

/** Why a file found is not the data file `kind`.yaml (it matched misnamedCandidates). */
function misnamedWhy(found: string, kind: string): string {
  const why: string[] = [];
  const txt = /\.txt$/i.test(found);
  const base = txt ? found.slice(0, -4) : found;
  const ext = base.slice(kind.length);
  if (txt) why.push('文件名多了“.txt”（Windows 默认隐藏扩展名，记事本保存时会加上 .txt；在资源管理器的“查看”中勾选“文件扩展名”就能看到）');
  if (ext.toLowerCase() === '.yml') why.push('扩展名要写作 .yaml，不是 .yml');
  if (base.slice(0, kind.length) !== kind || ext !== ext.toLowerCase()) why.push('文件名要全部小写');
  return why.join('；');
}

function missingFile(file: string, kind: string, cwd: string): Diagnostic {
  const want = `${kind}.yaml`;
  const found = misnamedCandidates(path.dirname(file), kind);
  let message = `缺少文件 ${want}：每个数据文件夹都要有 notice.yaml、sites.yaml、accounts.yaml`;
  if (found.length === 1) message = `缺少文件 ${want}，但文件夹中有 ${found[0]}：${misnamedWhy(found[0], kind)}。请把 ${found[0]} 改名为 ${want}`;
  else if (found.length > 1) message = `缺少文件 ${want}，但文件夹中有 ${found.join('、')}：请把要用的那一个改名为 ${want}，其余的删去或移走`;
  return { severity: 'error', file: displayPath(file, cwd), line: 1, col: 1, message };
}

/**
 * What to say when DATA_DIR is not a folder: not there at all, or a file given where the
 * folder is meant (tongbao check data/2023-q4/sites.yaml): then the folder it is in.
 */
export function notAFolderMessage(abs: string, cwd: string): string {
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) {
    const parent = path.dirname(abs);
    const shown = path.resolve(cwd) === parent ? '.' : displayPath(parent, cwd);
    return `这是一个文件，不是数据文件夹：请给出它所在的文件夹 ${shown}（不要写到文件名）`;
  }
  return '找不到数据文件夹';
}

export function loadRound(dir: string, cwd: string = process.cwd()): LoadedRound {
  const abs = path.resolve(cwd, dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    const out: LoadedRound = { dir: abs, files: {}, data: {}, diagnostics: [], warnings: [] };
    out.diagnostics.push({ severity: 'error', file: displayPath(abs, cwd), line: 1, col: 1, message: notAFolderMessage(abs, cwd) });
    return out;
  }
  const parsed: Partial<Record<RoundFileKind | OptionalFileKind, ParsedRoundFile>> = {};
  for (const kind of [...ROUND_FILES, ...OPTIONAL_FILES]) {
    const file = path.join(abs, `${kind}.yaml`);
    if (!fs.existsSync(file)) continue;
    parsed[kind] = readRoundFile(file, cwd);
  }
  return assembleRound(abs, cwd, parsed);
}
