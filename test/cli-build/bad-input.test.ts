// Every kind of input tongbao refuses leaves what an earlier build wrote byte for byte as it
// was: build the seed round, then feed each bad input to build (and annexes) into the same
// folder and compare every byte of the output folder, history included. The commands run in
// process (the compiled run() the bin calls, test/support/compiled.ts): what is tested is what
// they write, not the process.
import * as fs from 'fs';
import * as path from 'path';
import { compiledCli as cli } from '../support/compiled';
import { roundCopy, snapshot } from '../support/round-fixture';
import type { Edit } from '../support/round-fixture';

const CASES = path.join(__dirname, '..', 'validate', 'cases');
const bytes = (c: string, f: string) => fs.readFileSync(path.join(CASES, c, f));
const NARRATIVE = path.join(__dirname, '..', 'lint', 'fixtures', 'narrative');

// [what, edits to the seed, extra arguments, environment]
const BAD: [string, Edit[], string[], Record<string, string>][] = [
  ['notice.yaml in GBK', [{ file: 'notice.yaml', replace_all: bytes('encoding-gbk', 'notice.gbk.bin') }], [], {}],
  ['sites.yaml in UTF-16', [{ file: 'sites.yaml', replace_all: bytes('encoding-utf16', 'sites.utf16le-bom.bin') }], [], {}],
  ['a pasted GBK line', [{ file: 'sites.yaml', replace_all: bytes('encoding-mixed', 'sites.mixed.bin') }], [], {}],
  ['an alias bomb', [{ file: 'calendar.yaml', replace_all: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n' }], [], {}],
  ['a file past the size limit', [{ file: 'accounts.yaml', pad_bytes: 300000 }], [], { TONGBAO_MAX_FILE_MB: '0.1' }],
  ['a YAML syntax error', [{ file: 'accounts.yaml', find: '    - name: 黔东南商务', replace: '    - name: 黔东南商务\n   owner x' }], [], {}],
  ['last quarter copied', [{ file: 'notice.yaml', find: 'round: 2023-Q4', replace: 'round: 2024-Q1' }], [], {}],
  ['prose contradicting the data, --strict', ['notice.yaml', 'sites.yaml', 'accounts.yaml'].map((f) => ({ file: f, replace_all: fs.readFileSync(path.join(NARRATIVE, f)) })), ['--strict'], {}],
];

let cwd: string;
let before: Map<string, string>;

beforeAll(async () => {
  ({ cwd } = roundCopy());
  const r = await cli(['build', 'round', '--out', 'out'], cwd);
  expect(r.code).toBe(0);
  // a second build of changed data, so that history/1 exists too
  const sites = path.join(cwd, 'round', 'sites.yaml');
  fs.writeFileSync(sites, fs.readFileSync(sites, 'utf8').replace('http://kjj.qdn.gov.cn', 'http://kjj2.qdn.gov.cn'));
  expect((await cli(['build', 'round', '--out', 'out'], cwd)).code).toBe(0);
  before = snapshot(path.join(cwd, 'out'));
  expect([...before.keys()].some((k) => k.startsWith('history/1/'))).toBe(true);
}, 60000);

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe.each(BAD)('%s', (_, edits, extra, env) => {
  test.each(['build', 'annexes'])('%s: refused, Chinese messages, output folder byte-identical', async (command) => {
    const bad = roundCopy(edits);
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const args = command === 'build' ? extra : [];
      const r = await cli([command, path.join(bad.dir), '--out', path.join(cwd, 'out'), ...args], cwd);
      // annexes refuses the narrative round as a notice change (3): the notice's lists would differ
      expect(r.code).toBe(command === 'annexes' && extra.includes('--strict') ? 3 : 1);
      expect(r.err).toMatch(/[\u4e00-\u9fff]/);
      expect(r.err).not.toMatch(/\n\s+at |Error:/);
      expect(snapshot(path.join(cwd, 'out'))).toEqual(before);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(bad.cwd, { recursive: true, force: true });
    }
  });
});
