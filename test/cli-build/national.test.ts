// Speed never changes a byte: a national round (15,000 sites, 150,000 accounts, written by the
// bench's seeded generator) built through the CLI gives exactly the notice and annexes the code
// wrote before the quick loader, and check prints the same text (hashes in __golden__/national-*.txt,
// taken from commit 81d06c1's build and check), and mistakes are reported as it reported them.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeNationalRound } from '../../bench/serve-round';
import { NATIONAL } from '../../bench/synthetic';
import { expectGolden } from '../support/golden';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tongbao.js');
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

// the round is generated once for both tests; the first only reads it, the second edits a copy
let seeded: string;
beforeAll(() => {
  seeded = path.join(tempDir(), '2023-q4');
  writeNationalRound(seeded, path.join(ROOT, 'data', '2023-q4'), NATIONAL);
});

test('a seeded national round builds byte-identical notice and annexes', () => {
  // build and check only read the round: they run on the generated one (no 20 MB copy)
  const dir = path.dirname(seeded);
  const out = path.join(tempDir(), 'out');
  const r = spawnSync(process.execPath, [BIN, 'build', seeded, '--out', out], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(r.stderr).not.toMatch(/错误|Error/);
  expect(r.status).toBe(0);
  const hashes = fs
    .readdirSync(out)
    .filter((f) => /\.(docx|xlsx)$/.test(f))
    .sort()
    .map((f) => `${sha256(fs.readFileSync(path.join(out, f)))}  ${f}`);
  expect(hashes).toHaveLength(3);
  expectGolden(path.join(__dirname, '__golden__', 'national-hashes.txt'), hashes.join('\n') + '\n');

  // check: the same totals and failing lists (2.5 MB of text), byte for byte
  const c = spawnSync(process.execPath, [BIN, 'check', '2023-q4'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  expect([c.status, c.stderr]).toEqual([0, '']);
  expect(`${sha256(c.stdout)}  check 2023-q4\n`).toBe(fs.readFileSync(path.join(__dirname, '__golden__', 'national-check.txt'), 'utf8'));
}, 240_000);

/** Three mistakes deep in the national files (a line number past 200,000). */
function mistakes(round: string): void {
  const edit = (f: string, fn: (lines: string[]) => void) => {
    const p = path.join(round, f);
    const lines = fs.readFileSync(p, 'utf8').split('\n');
    fn(lines);
    fs.writeFileSync(p, lines.join('\n'));
  };
  const at = (lines: string[], from: number, prefix: string) => {
    for (let i = from; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i;
    throw new Error(prefix);
  };
  edit('accounts.yaml', (l) => {
    let i = at(l, 100000, '      owner: ');
    l[i] = l[i].replace('owner:', 'ownr:');
    i = at(l, 200000, '      results: [');
    l[i] = '      results: [合格, 及格, 合格]';
  });
  edit('sites.yaml', (l) => {
    l[at(l, 5000, '    url: ')] = '    url: s1.zz.gov.cn';
  });
}

test('mistakes in a national round: the same messages at the same FILE:LINE:COL as the full parser gave', () => {
  const dir = tempDir();
  const round = path.join(dir, '2023-q4');
  fs.cpSync(seeded, round, { recursive: true });
  mistakes(round);
  const c = spawnSync(process.execPath, [BIN, 'check', '2023-q4'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  expect([c.status, c.stdout]).toEqual([1, '']);
  expect(c.stderr).toBe(fs.readFileSync(path.join(__dirname, '__golden__', 'national-errors.txt'), 'utf8'));
}, 240_000);
