// The rules that keep a local server from being used by other web pages (docs/serve.md):
// the Host header must name this server (DNS rebinding), state-changing requests must come
// from this page (Origin / Sec-Fetch-Site), be JSON and carry the per-launch token, bodies
// are size-limited, and every response carries headers that stop framing, sniffing and
// loading anything from elsewhere. Names from requests are resolved inside fixed folders only.
import { randomBytes, timingSafeEqual } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isIP } from 'net';

export const TOKEN_HEADER = 'x-tongbao-token';
export const JSON_LIMIT = 1024 * 1024;
export const IMPORT_FILE_LIMIT = 50 * 1024 * 1024;
/** an Excel workbook of up to 50 MB, base64 inside JSON */
export const IMPORT_LIMIT = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 64 * 1024;

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Split a Host header into name and port; null when malformed. */
export function parseHost(host: string): { name: string; port: number | null } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return null;
  return { name: m[1].toLowerCase(), port: m[2] ? Number(m[2]) : null };
}

/**
 * Whether a Host header names this server. A rebinding attack needs a domain name that the
 * attacker's DNS points here, so besides the name the server was started with only IP
 * literals and localhost are accepted, always with the bound port.
 */
export function hostAllowed(host: string | undefined, bound: { host: string; port: number }): boolean {
  if (!host) return false;
  const h = parseHost(host);
  if (!h || h.port !== bound.port) return false;
  const bare = h.name.replace(/^\[|\]$/g, '');
  return h.name === bound.host.toLowerCase() || bare === bound.host.toLowerCase() || bare === 'localhost' || isIP(bare) !== 0;
}

/** Same-origin test for a state-changing request: Origin (when sent) is this server, and
 *  Sec-Fetch-Site (when sent) says same-origin. A client that sends neither is not a browser. */
export function sameOrigin(origin: string | undefined, fetchSite: string | undefined, host: string): boolean {
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  if (origin !== undefined) return origin === `http://${host}`;
  return true;
}

export function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  return type === 'application/json' && params.every((p) => p === '' || p === 'charset=utf-8');
}

export class BodyTooLarge extends Error {}

/** Read a request body, refusing past `limit` bytes (before reading it all). */
export async function readLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** A plain name of one folder entry: no separators, no dot names, no control characters. */
export function plainName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length > 0 && name.length <= 255 && name !== '.' && name !== '..' && !/[/\\\u0000-\u001f:*?"<>|]/.test(name);
}

/**
 * `rel` (segments separated by /) inside `base`, or null: every segment plain, and the real
 * path (symlinks followed) still inside the real `base`.
 */
export function resolveInside(base: string, rel: string, want: 'file' | 'dir'): string | null {
  const parts = rel.split('/');
  if (!parts.every(plainName)) return null;
  let realBase: string;
  try {
    realBase = fs.realpathSync(base);
  } catch {
    return null;
  }
  const candidate = path.join(realBase, ...parts);
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return null;
  }
  if (real !== candidate) return null; // a symlink on the way, even one that stays inside
  const rp = path.relative(realBase, real);
  if (!rp || rp.startsWith('..') || path.isAbsolute(rp)) return null;
  const st = fs.statSync(real);
  return (want === 'file' ? st.isFile() : st.isDirectory()) ? real : null;
}
