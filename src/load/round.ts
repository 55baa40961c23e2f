// Stage 1, load a round: the three YAML files of a data folder (plus the optional
// calendar.yaml and terms.yaml), parsed with positions. Problems are returned, not thrown.
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from '../diagnostics';
import { displayPath, readYamlFile, toData } from './yaml-file';
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

export function loadRound(dir: string, cwd: string = process.cwd()): LoadedRound {
  const abs = path.resolve(cwd, dir);
  const out: LoadedRound = { dir: abs, files: {}, data: {}, diagnostics: [] };
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    out.diagnostics.push({ severity: 'error', file: displayPath(abs, cwd), line: 1, col: 1, message: '找不到数据文件夹' });
    return out;
  }
  for (const kind of [...ROUND_FILES, ...OPTIONAL_FILES]) {
    const file = path.join(abs, `${kind}.yaml`);
    if (!fs.existsSync(file)) {
      if ((ROUND_FILES as readonly string[]).includes(kind)) {
        out.diagnostics.push({
          severity: 'error',
          file: displayPath(file, cwd),
          line: 1,
          col: 1,
          message: `缺少文件 ${kind}.yaml：每个数据文件夹都要有 notice.yaml、sites.yaml、accounts.yaml`,
        });
      }
      continue;
    }
    const { file: src, diagnostics } = readYamlFile(file, cwd);
    out.diagnostics.push(...diagnostics);
    if (!src) continue;
    out.files[kind] = src;
    if (diagnostics.length) continue;
    const js = toData(src);
    out.diagnostics.push(...js.diagnostics);
    if (!js.diagnostics.length) out.data[kind] = js.data;
  }
  return out;
}
