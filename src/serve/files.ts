// The output files of a round offered for download: those the current manifest lists, those
// each history/<n>/manifest.json lists, and the handoff archives. Nothing else in the output
// folder can be downloaded, whatever the request names.
import * as fs from 'fs';
import * as path from 'path';
import { HISTORY_DIR, MANIFEST_NAME, ManifestError, packageFileName, parseManifest } from '../write/manifest';
import type { Manifest } from '../write/manifest';
import { isFolder } from './links';
import { resolveInside } from './security';

import type { FileEntry } from '../../web/src/api-types';
export type { FileEntry };

export interface FilesListing {
  outDir: string;
  outputs: FileEntry[];
  history: { n: number; files: FileEntry[] }[];
  bundles: FileEntry[];
}

function manifestIn(dir: string): Manifest | null {
  const f = path.join(dir, MANIFEST_NAME);
  try {
    return fs.existsSync(f) ? parseManifest(fs.readFileSync(f, 'utf8'), f) : null;
  } catch (e) {
    if (e instanceof ManifestError) return null;
    throw e;
  }
}

/** The files of one set (the output folder or a history folder) that may be downloaded. */
function setFiles(outDir: string, prefix: string, dir: string, current: Manifest | null): FileEntry[] {
  const m = manifestIn(dir);
  const out: FileEntry[] = [];
  const add = (name: string, sha: string | null, role: string | null) => {
    const at = resolveInside(outDir, prefix + name, 'file');
    if (at) out.push({ path: prefix + name, name, size: fs.statSync(at).size, sha256: sha, role });
  };
  if (m) {
    for (const o of m.outputs) add(o.name, o.sha256, o.role);
    add(MANIFEST_NAME, null, 'manifest');
  }
  const bundles = new Set([m, current].filter((x): x is Manifest => !!x).map(packageFileName));
  for (const b of bundles) add(b, null, 'bundle');
  return out;
}

export function listFiles(outDir: string): FilesListing {
  const current = fs.existsSync(outDir) ? manifestIn(outDir) : null;
  const all = current ? setFiles(outDir, '', outDir, current) : [];
  const history: FilesListing['history'] = [];
  const hist = path.join(outDir, HISTORY_DIR);
  if (isFolder(hist)) {
    const ns = fs
      .readdirSync(hist)
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .sort((a, b) => b - a);
    for (const n of ns) {
      const files = setFiles(outDir, `${HISTORY_DIR}/${n}/`, path.join(hist, String(n)), current);
      if (files.length) history.push({ n, files });
    }
  }
  return { outDir, outputs: all.filter((f) => f.role !== 'bundle'), history, bundles: all.filter((f) => f.role === 'bundle') };
}

/** The real path of a downloadable file named by `rel`, or null. */
export function downloadable(outDir: string, rel: string): string | null {
  const l = listFiles(outDir);
  const all = [...l.outputs, ...l.bundles, ...l.history.flatMap((h) => h.files)];
  if (!all.some((f) => f.path === rel)) return null;
  return resolveInside(outDir, rel, 'file');
}

const TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
};

export function downloadType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** attachment with an ASCII fallback and the real name per RFC 5987. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
