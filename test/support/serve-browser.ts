// What the page's Chromium tests share: Debian's chromium (never downloaded) launched one way,
// `tongbao serve` as a child process on a free port, and the text of a downloaded .docx.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import JSZip from 'jszip';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..');
export const CHROMIUM = process.env.TONGBAO_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
/** Skipped where chromium is missing, except in CI (where a missing browser must fail). */
export const browserSuite = hasChromium || process.env.CI ? describe : describe.skip;

/**
 * Headless Chromium with a fresh profile in `profileDir` (one per test file; its tests share it).
 * Launched through ./chromium-lean.sh, which turns off what the tests never look at (see there).
 */
export function launchChromium(profileDir: string, options: { acceptDownloads?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: path.join(__dirname, 'chromium-lean.sh'),
    env: { ...process.env, TONGBAO_CHROMIUM_REAL: CHROMIUM },
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    ...options,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `tongbao serve ROOT --port P` in `cwd`; resolves with the URL it prints. */
export async function startServe(root: string, cwd: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tongbao.js'), 'serve', root, '--port', String(port)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FONTCONFIG_FILE: path.join(ROOT, 'fonts', 'fonts.conf') },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`tongbao serve did not start: ${out}`)), 30_000);
    const seen = (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => reject(new Error(`tongbao serve exited (${code}): ${out}`)));
  });
  return { url, child };
}

export function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Paragraph texts of a .docx's document.xml. */
export async function docxParagraphs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join(''));
}
