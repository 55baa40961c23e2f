// Speed never changes a byte: a national round (15,000 sites, 150,000 accounts, written by the
// bench's seeded generator) built through the CLI gives exactly the notice and annexes the code
// wrote before the quick loader, and check prints the same text (hashes in __golden__/national-*.txt,
// taken from commit 81d06c1's build and check).
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

test('a seeded national round builds byte-identical notice and annexes', () => {
  const dir = tempDir();
  const round = path.join(dir, '2023-q4');
  writeNationalRound(round, path.join(ROOT, 'data', '2023-q4'), NATIONAL);
  const out = path.join(dir, 'out');
  const r = spawnSync(process.execPath, [BIN, 'build', round, '--out', out], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
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
