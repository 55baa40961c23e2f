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

export interface LoadedRound {
  dir: string;
  files: Partial<Record<RoundFileKind | OptionalFileKind, SourceFile>>;
  /** plain JS values of each file that parsed without YAML errors */
  data: Partial<Record<RoundFileKind | OptionalFileKind, unknown>>;
  diagnostics: Diagnostic[];
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
  const out: LoadedRound = { dir: abs, files: {}, data: {}, diagnostics: [] };
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

function missingFile(file: string, kind: string, cwd: string): Diagnostic {
  return {
    severity: 'error',
    file: displayPath(file, cwd),
    line: 1,
    col: 1,
    message: `缺少文件 ${kind}.yaml：每个数据文件夹都要有 notice.yaml、sites.yaml、accounts.yaml`,
  };
}

export function loadRound(dir: string, cwd: string = process.cwd()): LoadedRound {
  const abs = path.resolve(cwd, dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    const out: LoadedRound = { dir: abs, files: {}, data: {}, diagnostics: [] };
    out.diagnostics.push({ severity: 'error', file: displayPath(abs, cwd), line: 1, col: 1, message: '找不到数据文件夹' });
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
