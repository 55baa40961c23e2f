// `tongbao verify`: does an output folder (or a handoff archive) hold exactly the files its
// manifest records — none missing, none altered, none extra — and, given the data, are they
// current for it?
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { inputEntries } from '../build';
import { toolVersion } from '../paths';
import { loadValidated, modelOf } from '../pipeline';
import { isTmpName } from '../write/atomic';
import { sha256, sha256File } from '../write/hash';
import { HISTORY_DIR, MANIFEST_NAME, ManifestError, makeManifest, noticeDifferences, packageFileName, parseManifest } from '../write/manifest';
import type { Manifest } from '../write/manifest';
import { noticeTableDifferences } from '../render/annex-rows';
import { HANDOFF_NOTE, parseChecksums } from './note';
import { readNoticeBody } from './body';
import { noticeTablesOnDisk } from './notice-tables';
import { isRectifyManifest, rectifyInputs, RECTIFY_DIR } from '../rectify';

export type FindingKind = 'no-manifest' | 'bad-manifest' | 'missing' | 'altered' | 'extra' | 'temp' | 'stale' | 'package';

export interface Finding {
  kind: FindingKind;
  /** a line under the finding before it (which row, which difference): not a problem of its own */
  detail?: boolean;
  /** the file concerned, relative to the folder (or inside the archive) */
  file?: string;
  message: string;
}

export interface FileCheck {
  name: string;
  status: 'ok' | 'missing' | 'altered';
}

export interface VerifyReport {
  target: string;
  manifest: Manifest | null;
  files: FileCheck[];
  findings: Finding[];
  /** facts worth knowing that are not failures */
  notes: string[];
  ok: boolean;
}

export interface DataCheck {
  dataDir: string;
  cwd: string;
}

async function checkBytes(read: () => Promise<Buffer | null>, expected: { sha256: string; size: number }): Promise<FileCheck['status']> {
  const buf = await read();
  if (!buf) return 'missing';
  return buf.length === expected.size && sha256(buf) === expected.sha256 ? 'ok' : 'altered';
}

function fileFindings(files: FileCheck[], where: string): Finding[] {
  return files
    .filter((f) => f.status !== 'ok')
    .map((f) =>
      f.status === 'missing'
        ? { kind: 'missing' as const, file: f.name, message: `缺少：${f.name}（清单中有，${where}中没有）` }
        : { kind: 'altered' as const, file: f.name, message: `已改动：${f.name}（大小或 SHA-256 与清单不符）` },
    );
}

/**
 * Is the set current for this data? Findings when not; notes for what is fine but worth saying.
 * `noticeDocx` (the notice's bytes, when present and as the manifest records them) lets the
 * annex tables printed in the notice be compared with the data too.
 */
export async function checkData(m: Manifest, data: DataCheck, noticeDocx?: Buffer): Promise<{ findings: Finding[]; notes: string[] }> {
  const v = loadValidated(data.dataDir, data.cwd);
  const model = modelOf(v);
  // the 整改 folder's manifest also records rectify.yaml (src/rectify)
  const inputs = isRectifyManifest(m) ? await rectifyInputs(v) : await inputEntries(v);
  const now = makeManifest({ version: toolVersion(), model, inputs, outputs: [] });
  const findings: Finding[] = [];
  const notes: string[] = [];
  const expected = now.notice.annexTables ?? [];
  const printed = noticeDocx ? await noticeTablesOnDisk(noticeDocx, expected) : undefined;
  // What the notice says: the manifest's record, or, for an older manifest, the notice itself.
  const recorded = { ...m.notice, annexTables: m.notice.annexTables ?? printed };
  if (now.data.fingerprint === m.data.fingerprint && printed) {
    // The data is the recorded one, so the notice's own annex pages must print it.
    const notice = m.outputs.find((o) => o.role === 'notice')!;
    const differences = noticeTableDifferences(printed, expected);
    if (differences.length) {
      findings.push({ kind: 'stale', file: notice.name, message: `通报附件页的表格与当前数据不符：${notice.name}（附件已更新而通报未更新；请运行 tongbao build）` });
      for (const d of differences) findings.push({ kind: 'stale', file: notice.name, message: `  ${d}`, detail: true });
    }
  }
  if (now.data.fingerprint !== m.data.fingerprint) {
    const was = new Map(m.data.files.map((f) => [f.name, f.sha256]));
    const is = new Map(now.data.files.map((f) => [f.name, f.sha256]));
    const changed = [
      ...now.data.files.filter((f) => was.has(f.name) && was.get(f.name) !== f.sha256).map((f) => `${f.name} 已改动`),
      ...now.data.files.filter((f) => !was.has(f.name)).map((f) => `${f.name} 新增`),
      ...m.data.files.filter((f) => !is.has(f.name)).map((f) => `${f.name} 已删除`),
    ];
    // The 正文 decides between annexes and build; the 附件 pages are corrected by annexes.
    const differences = noticeDifferences(recorded, now.notice);
    const advice = differences.length ? '通报正文也会改变，请运行 tongbao build 并重新送签' : '通报正文不变，可运行 tongbao annexes 更正附件';
    findings.push({ kind: 'stale', message: `不是按当前数据生成的：${changed.join('，')}（${advice}）` });
    for (const d of differences) findings.push({ kind: 'stale', message: `  正文将有不同：${d}`, detail: true });
  }
  if (m.tool.version !== toolVersion()) notes.push(`清单由 tongbao ${m.tool.version} 生成，当前为 ${toolVersion()}。`);
  return { findings, notes };
}

/** Within a manifest: the annexes are always rendered from the recorded data; the notice may be
 *  older only after `tongbao annexes`, which checked that it still says the same. */
function consistency(m: Manifest): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const o of m.outputs) {
    // the 更正记录 is a log kept across corrections, not rendered from the data
    if (o.data === m.data.fingerprint || o.role === 'corrections') continue;
    if (o.role === 'notice') notes.push(`${o.name} 是数据更正前生成的（tongbao annexes 只更新了附件，正文所写合计、名单、日期未变）。`);
    else findings.push({ kind: 'stale', file: o.name, message: `不是按清单所记数据生成的：${o.name}` });
  }
  return { findings, notes };
}

/** Office's lock files beside an open document: Word/Excel (~$name) and LibreOffice/WPS (.~lock.name#). */
export function isLockFile(name: string): boolean {
  return /^~\$/.test(name) || /^\.~lock\..*#$/.test(name);
}

/**
 * Whether the notice's 正文 is the one first built for this round, and the corrections since
 * (from manifest.json's body record and the 更正记录's dated entries).
 */
export async function bodyCheck(m: Manifest, notice: Buffer | undefined, corrections: string | undefined, firstSet?: string): Promise<{ findings: Finding[]; notes: string[] }> {
  const entry = m.outputs.find((o) => o.role === 'notice');
  if (!m.body || !entry || !notice) return { findings: [], notes: [] };
  const { sha256: actual } = await readNoticeBody(notice);
  if (actual !== m.body.sha256) {
    return { findings: [{ kind: 'altered', file: entry.name, message: `通报正文与清单所记的正文指纹不符：${entry.name}（请运行 tongbao build）` }], notes: [] };
  }
  const first = `${m.body.since === m.data.fingerprint ? '按当前数据' : `按数据指纹 ${m.body.since.slice(0, 16)} 的数据`}首次生成${firstSet ? `，最早的一版在 ${firstSet}` : ''}`;
  const n = m.body.corrections;
  const file = m.outputs.find((o) => o.role === 'corrections');
  const dates = corrections ? [...corrections.matchAll(/^(\d{4}年\d{1,2}月\d{1,2}日)　第 \d+ 次更正/gm)].map((x) => x[1]) : [];
  const when = dates.length ? `，最近一次在 ${dates[dates.length - 1]}` : '';
  const u = m.body.unitemized ?? [];
  const unlisted = u.length ? `${n ? '，另有' : '有'} ${u.length} 次更正未能逐行列出（${[...new Set(u)].join('、')}）` : '';
  const since = n || u.length ? `；此后附件${n ? `已更正 ${n} 处` : ''}${unlisted}（见 ${file?.name ?? '更正记录'}${when}）` : '；此后附件没有更正';
  return { findings: [], notes: [`通报正文未变：仍是本轮首次生成的正文（${first}）${since}。`] };
}

/** The earliest history/<n>/ whose manifest records the same 正文: "when" it was first built,
 *  without a clock time in any file. */
function firstSetOf(outDir: string, m: Manifest): string | undefined {
  const root = path.join(outDir, HISTORY_DIR);
  if (!m.body || !fs.existsSync(root)) return undefined;
  const ns = fs
    .readdirSync(root)
    .filter((n) => /^[1-9][0-9]*$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  for (const n of ns) {
    try {
      const h = parseManifest(fs.readFileSync(path.join(root, String(n), MANIFEST_NAME), 'utf8'), MANIFEST_NAME);
      if (h.body?.sha256 === m.body.sha256) return `${path.join(HISTORY_DIR, String(n))}${path.sep}`;
    } catch {
      // a history folder without a readable manifest says nothing about the 正文
    }
  }
  return undefined;
}

/** Check a handoff archive's entries against the manifest inside it and its 送签说明.txt. */
export async function checkArchive(buf: Buffer, label: string, expectManifestText?: string): Promise<{ manifest: Manifest | null; files: FileCheck[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    return { manifest: null, files: [], findings: [{ kind: 'package', file: label, message: `无法读取：${label}（不是有效的 zip 文件）` }] };
  }
  const read = async (name: string) => {
    const e = zip.file(name);
    return e ? e.async('nodebuffer') : null;
  };
  const mbuf = await read(MANIFEST_NAME);
  if (!mbuf) return { manifest: null, files: [], findings: [{ kind: 'package', file: label, message: `${label} 中没有 ${MANIFEST_NAME}` }] };
  let manifest: Manifest;
  try {
    manifest = parseManifest(mbuf.toString('utf8'), `${label} 中的 ${MANIFEST_NAME}`);
  } catch (e) {
    return { manifest: null, files: [], findings: [{ kind: 'package', file: label, message: (e as Error).message }] };
  }
  if (expectManifestText !== undefined && mbuf.toString('utf8') !== expectManifestText) {
    findings.push({ kind: 'package', file: label, message: `送签包不是当前版本：${label} 中的清单与文件夹中的 ${MANIFEST_NAME} 不同（请重新运行 tongbao package）` });
  }
  const files: FileCheck[] = [];
  for (const o of manifest.outputs) files.push({ name: o.name, status: await checkBytes(() => read(o.name), o) });
  // The note lists every file with its SHA-256, the derived PDFs included.
  const note = await read(HANDOFF_NOTE);
  const listed = new Set<string>([MANIFEST_NAME, HANDOFF_NOTE, ...manifest.outputs.map((o) => o.name)]);
  if (!note) findings.push({ kind: 'missing', file: HANDOFF_NOTE, message: `缺少：${HANDOFF_NOTE}（${label} 中）` });
  else {
    for (const c of parseChecksums(note.toString('utf8'))) {
      if (listed.has(c.name) && c.name !== MANIFEST_NAME) {
        const o = manifest.outputs.find((x) => x.name === c.name);
        if (o && o.sha256 !== c.sha256) findings.push({ kind: 'package', file: HANDOFF_NOTE, message: `${HANDOFF_NOTE} 所记 ${c.name} 的 SHA-256 与清单不符` });
        continue;
      }
      listed.add(c.name);
      const b = await read(c.name);
      const status = !b ? 'missing' : sha256(b) === c.sha256 ? 'ok' : 'altered';
      files.push({ name: c.name, status });
    }
  }
  findings.push(...fileFindings(files, label));
  for (const name of Object.keys(zip.files).sort()) {
    if (!zip.files[name].dir && !listed.has(name)) findings.push({ kind: 'extra', file: name, message: `多余：${name}（${label} 中，不在清单和送签说明中）` });
  }
  return { manifest, files, findings };
}

export async function verifyArchive(file: string, data?: DataCheck): Promise<VerifyReport> {
  const label = path.basename(file);
  const r = await checkArchive(fs.readFileSync(file), label);
  const notes: string[] = [];
  if (r.manifest) {
    const c = consistency(r.manifest);
    r.findings.push(...c.findings);
    notes.push(...c.notes);
  }
  if (r.manifest) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const entry = (role: string) => {
      const o = r.manifest!.outputs.find((x) => x.role === role);
      return o && r.files.some((f) => f.name === o.name && f.status === 'ok') ? zip.file(o.name) : null;
    };
    const b = await bodyCheck(r.manifest, await entry('notice')?.async('nodebuffer'), await entry('corrections')?.async('string'));
    r.findings.push(...b.findings);
    notes.push(...b.notes);
  }
  if (r.manifest && data) {
    const notice = r.manifest.outputs.find((o) => o.role === 'notice');
    const ok = notice && r.files.some((f) => f.name === notice.name && f.status === 'ok');
    const docx = ok ? await (await JSZip.loadAsync(fs.readFileSync(file))).file(notice.name)!.async('nodebuffer') : undefined;
    const d = await checkData(r.manifest, data, docx);
    r.findings.push(...d.findings);
    notes.push(...d.notes);
  }
  return { target: file, manifest: r.manifest, files: r.files, findings: r.findings, notes, ok: r.findings.length === 0 };
}

export async function verifyOutDir(outDir: string, data?: DataCheck, opts: { skipArchive?: boolean } = {}): Promise<VerifyReport> {
  const report = (manifest: Manifest | null, files: FileCheck[], findings: Finding[], notes: string[] = []): VerifyReport => ({
    target: outDir,
    manifest,
    files,
    findings,
    notes,
    ok: findings.length === 0,
  });
  const mfile = path.join(outDir, MANIFEST_NAME);
  if (!fs.existsSync(mfile)) {
    return report(null, [], [{ kind: 'no-manifest', file: MANIFEST_NAME, message: `缺少：${MANIFEST_NAME}（${outDir} 不是 tongbao build 的输出文件夹，或生成未完成）` }]);
  }
  const text = fs.readFileSync(mfile, 'utf8');
  let manifest: Manifest;
  try {
    manifest = parseManifest(text, MANIFEST_NAME);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return report(null, [], [{ kind: 'bad-manifest', file: MANIFEST_NAME, message: `无法读取：${e.message}` }]);
  }
  const files: FileCheck[] = [];
  for (const o of manifest.outputs) {
    const p = path.join(outDir, o.name);
    const status = !fs.existsSync(p) ? 'missing' : await sha256File(p).then((h) => (h.sha256 === o.sha256 && h.size === o.size ? 'ok' : 'altered'));
    files.push({ name: o.name, status });
  }
  const c = consistency(manifest);
  const findings = [...fileFindings(files, '文件夹'), ...c.findings];
  const notes = [...c.notes];
  const intact = (role: string) => {
    const o = manifest.outputs.find((x) => x.role === role);
    return o && files.some((f) => f.name === o.name && f.status === 'ok') ? path.join(outDir, o.name) : undefined;
  };
  {
    const n = intact('notice');
    const k = intact('corrections');
    const b = await bodyCheck(manifest, n ? fs.readFileSync(n) : undefined, k ? fs.readFileSync(k, 'utf8') : undefined, firstSetOf(outDir, manifest));
    findings.push(...b.findings);
    notes.push(...b.notes);
  }

  // An unpacked handoff archive: the note's checksum lines cover the PDFs as well.
  const noteFile = path.join(outDir, HANDOFF_NOTE);
  const noted: string[] = [];
  if (fs.existsSync(noteFile)) {
    for (const c of parseChecksums(fs.readFileSync(noteFile, 'utf8'))) {
      if (c.name === MANIFEST_NAME || manifest.outputs.some((o) => o.name === c.name)) continue;
      const p = path.join(outDir, c.name);
      const status = !fs.existsSync(p) ? 'missing' : (await sha256File(p)).sha256 === c.sha256 ? 'ok' : 'altered';
      files.push({ name: c.name, status });
      if (status === 'missing') findings.push({ kind: 'missing', file: c.name, message: `缺少：${c.name}（${HANDOFF_NOTE} 中有，文件夹中没有）` });
      if (status === 'altered') findings.push({ kind: 'altered', file: c.name, message: `已改动：${c.name}（SHA-256 与 ${HANDOFF_NOTE} 不符）` });
      noted.push(c.name);
    }
  }
  const pkg = packageFileName(manifest);
  // `package` checks the folder before it replaces the archive: the old one is not a finding then.
  const known = new Set([MANIFEST_NAME, HISTORY_DIR, pkg, ...manifest.outputs.map((o) => o.name), ...(noted.length || fs.existsSync(noteFile) ? [HANDOFF_NOTE, ...noted] : [])]);
  // the 整改 folder (tongbao rectify) is a set of its own inside the round's folder: checked as such
  const rectifyDir = path.join(outDir, RECTIFY_DIR);
  if (!isRectifyManifest(manifest) && fs.existsSync(path.join(rectifyDir, MANIFEST_NAME))) {
    known.add(RECTIFY_DIR);
    const sub = await verifyOutDir(rectifyDir, data, opts);
    for (const f of sub.findings) findings.push({ ...f, file: f.file ? `${RECTIFY_DIR}/${f.file}` : RECTIFY_DIR, message: `${RECTIFY_DIR}/：${f.message}` });
    for (const f of sub.files) files.push({ ...f, name: `${RECTIFY_DIR}/${f.name}` });
    notes.push(...sub.notes.filter((n) => !notes.includes(n)));
  }
  for (const name of fs.readdirSync(outDir).sort()) {
    if (known.has(name)) continue;
    if (isLockFile(name)) {
      notes.push(`${name} 是 Office 的锁定文件（有文件正在 Word、Excel 或 WPS 中打开），已忽略。`);
      continue;
    }
    if (isTmpName(name)) findings.push({ kind: 'temp', file: name, message: `未完成：${name}（中断的生成留下的临时文件；再次运行 tongbao build 会清理）` });
    else findings.push({ kind: 'extra', file: name, message: `多余：${name}（不在清单中）` });
  }
  if (!opts.skipArchive && fs.existsSync(path.join(outDir, pkg))) {
    const a = await checkArchive(fs.readFileSync(path.join(outDir, pkg)), pkg, text);
    findings.push(...a.findings.map((f) => ({ ...f, message: f.kind === 'package' ? f.message : `送签包 ${pkg}：${f.message}` })));
    notes.push(a.findings.length === 0 ? `送签包 ${pkg} 与清单一致。` : `送签包 ${pkg} 有问题。`);
  }
  if (data) {
    const notice = manifest.outputs.find((o) => o.role === 'notice');
    const ok = notice && files.some((f) => f.name === notice.name && f.status === 'ok');
    const d = await checkData(manifest, data, ok ? fs.readFileSync(path.join(outDir, notice.name)) : undefined);
    findings.push(...d.findings);
    notes.push(...d.notes);
  }
  return report(manifest, files, findings, notes);
}
