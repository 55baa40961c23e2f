// PDF reading copies of the notice and the annexes, made by LibreOffice (headless; its profile,
// output and temporary folders inside one work folder, removed on success, error or signal; a
// timeout) through the project's fontconfig file, which maps the official typeface names to
// free fonts so the pages look right without the official fonts.
//
// LibreOffice stamps each PDF with the clock time and a random /ID; those are rewritten in
// place (same length, so the cross-reference offsets stay valid): the 成文日期 for the dates, a
// hash of the content for the ids. The same LibreOffice and fonts then give the same bytes.
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { projectRoot } from '../paths';
import { removeOnInterrupt, stopOnInterrupt } from '../write/interrupt';

/** What to install on Debian/Ubuntu for --pdf. */
export const PDF_PACKAGES = ['libreoffice-writer-nogui', 'libreoffice-calc-nogui', 'fonts-noto-cjk', 'fonts-arphic-ukai', 'fonts-liberation2'];
export const DEFAULT_TIMEOUT_MS = 180_000;

/** The official typeface names and the free font each must resolve to (fonts/fonts.conf). */
export const FONT_MAP: [string, string][] = [
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'AR PL UKai CN'],
  ['黑体', 'Noto Sans CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['Times New Roman', 'Liberation Serif'],
];

export class PdfUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailable';
  }
}

export function fontsConf(): string {
  return path.join(projectRoot(), 'fonts', 'fonts.conf');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An environment variable by name, case aside on Windows (its PATH is often spelt Path). */
function envVar(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

function onPath(names: string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = isExecutable): string | null {
  const p = platform === 'win32' ? path.win32 : path.posix;
  for (const dir of (envVar(env, 'PATH', platform) ?? '').split(p.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const file = p.join(dir, n);
      if (exists(file)) return file;
    }
  }
  return null;
}

/** Where LibreOffice's installer puts soffice when it is not on PATH (Windows, macOS). */
export function sofficeInstallPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [envVar(env, 'ProgramFiles', platform) ?? 'C:\\Program Files', envVar(env, 'ProgramFiles(x86)', platform) ?? 'C:\\Program Files (x86)'];
    return [...new Set(roots)].map((r) => path.win32.join(r, 'LibreOffice', 'program', 'soffice.exe'));
  }
  if (platform === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  return [];
}

/**
 * LibreOffice's soffice: on PATH (soffice.exe on Windows; soffice or libreoffice elsewhere), then
 * where its installer puts it on Windows and macOS. Null when there is none. A pure function of
 * its arguments (tests pass another platform and a fake file system).
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = isExecutable): string | null {
  const found = onPath(platform === 'win32' ? ['soffice.exe'] : ['soffice', 'libreoffice'], env, platform, exists);
  return found ?? sofficeInstallPlaces(platform, env).find(exists) ?? null;
}

const installHint = () => `请安装（Debian/Ubuntu）：sudo apt-get install ${PDF_PACKAGES.join(' ')}`;

/** What to say when findSoffice finds none: where it looked, and what to install from where. */
export function sofficeMissingMessage(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') {
    const places = sofficeInstallPlaces(platform, env).map((f) => path.win32.dirname(f));
    return `未找到 LibreOffice（已在 PATH 和 ${places.join('、')} 中查找 soffice.exe），无法生成 PDF。请从 https://zh-cn.libreoffice.org/ 下载并安装 LibreOffice（安装到默认位置即可），然后重新运行；或不加 --pdf。`;
  }
  if (platform === 'darwin') {
    return '未找到 LibreOffice（已在 PATH 和 /Applications/LibreOffice.app 中查找 soffice），无法生成 PDF。请从 https://zh-cn.libreoffice.org/ 下载 LibreOffice，拖入“应用程序”文件夹，然后重新运行；或不加 --pdf。';
  }
  return `未找到 LibreOffice（soffice），无法生成 PDF。${installHint()}；其他系统请从 https://zh-cn.libreoffice.org/ 下载安装 LibreOffice；或不加 --pdf。`;
}

/**
 * Stop early, naming what to install, when PDFs cannot be made right: no LibreOffice, or the
 * fontconfig file does not resolve an official typeface to its free stand-in.
 */
export function checkPdfTools(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const soffice = findSoffice(env, platform);
  if (!soffice) throw new PdfUnavailable(sofficeMissingMessage(platform, env));
  const fcMatch = onPath([platform === 'win32' ? 'fc-match.exe' : 'fc-match'], env, platform);
  if (fcMatch) {
    const wrong: string[] = [];
    for (const [face, free] of FONT_MAP) {
      const r = spawnSync(fcMatch, [face, 'family'], { env: { ...env, FONTCONFIG_FILE: fontsConf() }, encoding: 'utf8' });
      if (r.status === 0 && !r.stdout.split(',').map((s) => s.trim()).includes(free)) wrong.push(`${face} → ${free}`);
    }
    if (wrong.length) throw new PdfUnavailable(`缺少替代字体（${wrong.join('，')}），PDF 会排版走样。${installHint()}`);
  }
  return soffice;
}

const PDF_ID = /\/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]/g;
const DOC_CHECKSUM = /\/DocChecksum\s*\/([0-9A-Fa-f]+)/g;

/** Replace the hex digits of the /ID pair and /DocChecksum by `hex(length)`. */
function rewriteIds(s: string, hex: (length: number) => string): string {
  return s
    .replace(PDF_ID, (m) => m.replace(/<([0-9A-Fa-f]*)>/g, (_x, h: string) => `<${hex(h.length)}>`))
    .replace(DOC_CHECKSUM, (m, h: string) => m.slice(0, m.length - h.length) + hex(h.length));
}

/** Rewrite LibreOffice's clock dates and random ids, keeping every byte offset. */
export function normalisePdf(pdf: Buffer, issuedIso: string): Buffer {
  let s = pdf.toString('latin1');
  const stamp = `D:${issuedIso.replace(/-/g, '')}000000`;
  s = s.replace(/\/(CreationDate|ModDate)\s*\((D:\d{14})/g, (m, _k, d: string) => m.slice(0, m.length - d.length) + stamp);
  const xmpDate = `${issuedIso}T00:00:00Z`;
  s = s.replace(/<xmp:(CreateDate|ModifyDate|MetadataDate)>([^<]*)</g, (m, _k, d: string) => (d.length === xmpDate.length ? m.replace(d, xmpDate) : m));
  const blanked = rewriteIds(s, (n) => '0'.repeat(n));
  const digest = createHash('sha256').update(Buffer.from(blanked, 'latin1')).digest('hex').toUpperCase();
  return Buffer.from(rewriteIds(blanked, (n) => digest.repeat(Math.ceil(n / digest.length)).slice(0, n)), 'latin1');
}

export interface PdfOptions {
  soffice: string;
  issuedIso: string;
  timeoutMs?: number;
  /** workbook sheets not to print (the 数据 sheet): hidden in the copy that is converted, so the
   *  PDF holds the printed annex only and its 第 N 页 共 M 页 counts that annex's pages */
  hiddenSheets?: string[];
  /** a file starts converting (index from 1) */
  onFile?(name: string, index: number, total: number): void;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, onLine?: (line: string) => void): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends soffice.bin too.
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        onLine?.(out.slice(0, nl));
        out = out.slice(nl + 1);
      }
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    // Ctrl-C: LibreOffice runs in its own process group, which the terminal's signal misses
    const forget = stopOnInterrupt(killGroup);
    let stderr = '';
    let timedOut = false;
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      forget();
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      forget();
      resolve({ code, stderr, timedOut });
    });
  });
}

/** Pages of a PDF (LibreOffice writes one /Type /Page object per page, no object streams). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A copy of a workbook with the named sheets hidden (LibreOffice prints only visible sheets). */
export async function withHiddenSheets(xlsx: Buffer, names: string[]): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const JSZip = require('jszip') as typeof import('jszip');
  const zip = await JSZip.loadAsync(xlsx);
  const entry = zip.file('xl/workbook.xml');
  if (!entry || names.length === 0) return xlsx;
  const wanted = new Set(names.map(xmlAttr));
  const xml = (await entry.async('string')).replace(/<sheet\s([^>]*?)\/>/g, (m, attrs: string) => {
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    return name !== undefined && wanted.has(name) ? `<sheet ${attrs.replace(/\s*\bstate="[^"]*"/, '').trim()} state="hidden"/>` : m;
  });
  zip.file('xl/workbook.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * Files to convert in one LibreOffice run each: its start costs seconds, so as many files as
 * can share an output folder (their PDFs' names differ) go together, in order.
 */
function batches(files: string[]): string[][] {
  const out: { names: Set<string>; files: string[] }[] = [];
  for (const f of files) {
    const name = path.basename(f).replace(/\.[^.]+$/, '').toLowerCase();
    const last = out[out.length - 1];
    if (last && !last.names.has(name)) {
      last.names.add(name);
      last.files.push(f);
    } else out.push({ names: new Set([name]), files: [f] });
  }
  return out.map((b) => b.files);
}

/** Convert each file (.docx, .xlsx) to PDF; returns the normalised PDF bytes by input path. */
export async function convertToPdf(files: string[], opts: PdfOptions): Promise<Map<string, Buffer>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-pdf-'));
  // Ctrl-C: LibreOffice's profile and output folders go with the run
  const forget = removeOnInterrupt(work);
  // LibreOffice's own temporary files (lu*.tmp) go inside the work folder too, so that a run
  // stopped midway leaves nothing in the system's temporary folder
  const tmp = path.join(work, 'tmp');
  fs.mkdirSync(tmp);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FONTCONFIG_FILE: fontsConf(),
    // UTC: fixed-length date stamps; a UTF-8 locale: Chinese file names; own HOME: no user state
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: work,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    SAL_USE_VCLPLUGIN: 'svp',
  };
  const profile = pathToFileURL(path.join(work, 'profile')).href;
  const out = new Map<string, Buffer>();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    let done = 0;
    for (const [b, batch] of batches(files).entries()) {
      const dir = path.join(work, `out${b}`);
      fs.mkdirSync(dir);
      const inputs: string[] = [];
      for (const file of batch) {
        let input = file;
        if (/\.xlsx$/i.test(file) && opts.hiddenSheets?.length) {
          // the same name in a folder of its own, so the PDF is named as before
          const copy = path.join(work, `in${done + inputs.length}`);
          fs.mkdirSync(copy);
          input = path.join(copy, path.basename(file));
          fs.writeFileSync(input, await withHiddenSheets(fs.readFileSync(file), opts.hiddenSheets));
        }
        inputs.push(input);
      }
      // LibreOffice says "convert <file> -> <pdf>" as it saves each one: the next one starts
      let current = 0;
      opts.onFile?.(path.basename(batch[0]), done + 1, files.length);
      const onLine = (line: string) => {
        if (!line.startsWith('convert ') || current + 1 >= batch.length) return;
        current++;
        opts.onFile?.(path.basename(batch[current]), done + current + 1, files.length);
      };
      const args = ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', dir, ...inputs];
      // the time allowed is per file, as when each had a run of its own
      const r = await run(opts.soffice, args, env, timeoutMs * batch.length, onLine);
      if (r.timedOut) throw new Error(`LibreOffice 转换 ${path.basename(batch[current])} 超时（${Math.round((timeoutMs * batch.length) / 1000)} 秒）`);
      for (const file of batch) {
        const pdf = path.join(dir, path.basename(file).replace(/\.[^.]+$/, '') + '.pdf');
        if (r.code !== 0 || !fs.existsSync(pdf)) {
          throw new Error(`LibreOffice 未能把 ${path.basename(file)} 转换为 PDF（退出状态 ${r.code}）：${r.stderr.trim().slice(-300)}`);
        }
        out.set(file, normalisePdf(fs.readFileSync(pdf), opts.issuedIso));
      }
      done += batch.length;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    forget();
  }
  return out;
}
