// Speed never changes a byte: a national round (15,000 sites, 150,000 accounts, written by the
// bench's seeded generator) built through the CLI gives exactly the notice and annexes the code
// wrote before the quick loader (hashes in __golden__/national-hashes.txt, taken from the build
// of commit 81d06c1). The check of the same round must list the same failing units.
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
    .map((f) => `${createHash('sha256').update(fs.readFileSync(path.join(out, f))).digest('hex')}  ${f}`);
  expect(hashes).toHaveLength(3);
  expectGolden(path.join(__dirname, '__golden__', 'national-hashes.txt'), hashes.join('\n') + '\n');
}, 240_000);
