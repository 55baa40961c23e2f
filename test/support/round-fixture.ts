// Copies of the seed round with text edits applied, for error cases and wording branches.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tmp';

export const SEED_DIR = path.join(__dirname, '..', '..', 'data', '2023-q4');

export interface Edit {
  file: string;
  find?: string;
  replace?: string;
  /** replace every occurrence instead of the first */
  all?: boolean;
  /** replace the whole file */
  replace_all?: string | Buffer;
  /** replace the whole file with the bytes of this file in the case folder (encodings) */
  bytes_from?: string;
  /** append a YAML comment line of this many bytes (size limits) */
  pad_bytes?: number;
  delete?: boolean;
  /** make the file a symbolic link to a file outside the round holding this text */
  symlink_to_text?: string;
}

/** A temp folder holding `round/` (a copy of `from` with the edits applied); returns both paths. */
export function roundCopy(edits: Edit[] = [], from: string = SEED_DIR): { cwd: string; dir: string } {
  const cwd = tempDir('tongbao-case-');
  const dir = path.join(cwd, 'round');
  fs.cpSync(from, dir, { recursive: true });
  for (const e of edits) {
    const file = path.join(dir, e.file);
    if (e.delete) {
      fs.rmSync(file);
      continue;
    }
    if (e.symlink_to_text !== undefined) {
      const target = path.join(cwd, `outside-${e.file}`);
      fs.writeFileSync(target, e.symlink_to_text);
      fs.rmSync(file, { force: true });
      fs.symlinkSync(target, file);
      continue;
    }
    if (e.pad_bytes !== undefined) {
      fs.appendFileSync(file, `#${'x'.repeat(Math.max(0, e.pad_bytes - 2))}\n`);
      continue;
    }
    if (e.replace_all !== undefined) {
      fs.writeFileSync(file, e.replace_all);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    if (e.find === undefined || !text.includes(e.find)) throw new Error(`edit: “${e.find}” not found in ${e.file}`);
    const next = e.all ? text.split(e.find).join(e.replace ?? '') : text.replace(e.find, () => e.replace ?? '');
    fs.writeFileSync(file, next);
  }
  return { cwd, dir };
}

/** SHA-256 of every file under a folder (history/ included), to prove a failed command changed nothing. */
export function hashes(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].map(([name, b64]) => [name, createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex')]));
}

/** Every file under a folder with its bytes, to prove a failed command changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Edits turning the seed (2023-Q4, months 2023-08…10) into a round of `n` inspected months
 * (1 to 6) ending with 2023-12, as the quarter rules allow (2023-07 … 2023-12), inspected in
 * December. Each account keeps its seed results as the last three months, earlier months
 * passing (fewer than three months: the last `n` of them); the seed's failing_order, which
 * names the seed's failing accounts, goes. `problems` gives the first account a 问题曝光情况
 * (the seed's accounts have none).
 */
export function monthsEdits(n: number, problems = false): Edit[] {
  if (n < 1 || n > 6) throw new Error(`monthsEdits: ${n} months`);
  const months = Array.from({ length: n }, (_, i) => `2023-${String(13 - n + i).padStart(2, '0')}`);
  const notice = fs.readFileSync(path.join(SEED_DIR, 'notice.yaml'), 'utf8');
  const order = notice.match(/failing_order:\n(?: {2}- .*\n)+/);
  if (!order) throw new Error('monthsEdits: the seed has no failing_order');
  let accounts = fs.readFileSync(path.join(SEED_DIR, 'accounts.yaml'), 'utf8');
  accounts = accounts.replace(/results: \[([^\]]*)\]/g, (_, list: string) => {
    const seed = list.split(',').map((r) => r.trim());
    const all = [...Array<string>(Math.max(0, n - seed.length)).fill('合格'), ...seed];
    return `results: [${all.slice(all.length - n).join(', ')}]`;
  });
  if (problems) accounts = accounts.replace(/(\n( +)results: \[[^\]]*\])/, '$1\n$2problems: [栏目长期未更新, 留言办理不及时]');
  return [
    { file: 'notice.yaml', find: 'months: [2023-08, 2023-09, 2023-10]', replace: `months: [${months.join(', ')}]` },
    { file: 'notice.yaml', find: 'from: 2023-11-15', replace: 'from: 2023-12-11' },
    { file: 'notice.yaml', find: 'to: 2023-11-20', replace: 'to: 2023-12-15' },
    { file: 'notice.yaml', find: 'issued: 2023-11-23', replace: 'issued: 2023-12-18' },
    { file: 'notice.yaml', find: 'deadline: 2023-11-28', replace: 'deadline: 2023-12-25' },
    { file: 'notice.yaml', find: order[0], replace: '' },
    { file: 'accounts.yaml', replace_all: accounts },
  ];
}
