// The worked example in docs/handoff.md (a URL corrected after signing) shows exactly what the
// commands print: each `<!-- example: NAME -->` block is run here on a copy of the seed round
// and compared line for line.
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../support/cli';
import { SEED_DIR } from '../support/round-fixture';
import { tempDir } from '../support/tmp';

const DOC = path.join(__dirname, '..', '..', 'docs', 'handoff.md');

/** The fenced block after each example marker, by name. */
function examples(): Map<string, string[]> {
  const text = fs.readFileSync(DOC, 'utf8');
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/<!-- example: (\S+) -->\n```\n([\s\S]*?)\n```/g)) out.set(m[1], m[2].split('\n'));
  return out;
}

function edit(file: string, find: string | RegExp, replace: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`${String(find)} not in ${file}`);
  fs.writeFileSync(file, next);
}

/** Run the block's `$ tongbao …` line; the rest of the block is what it prints. */
async function run(block: string[], cwd: string, stream: 'out' | 'err', code: number): Promise<void> {
  const [command, ...expected] = block;
  expect(command).toMatch(/^\$ tongbao /);
  const argv = command.slice('$ tongbao '.length).split(' ');
  const r = await cli(argv, cwd);
  expect(r.code).toBe(code);
  expect(r[stream]).toBe(expected.join('\n') + '\n');
}

test('docs/handoff.md: the URL-correction example is what the commands print', async () => {
  const ex = examples();
  expect([...ex.keys()]).toEqual(['build', 'annexes', 'corrections', 'verify', 'refused']);
  const cwd = tempDir('tongbao-docs-');
  const data = path.join(cwd, 'data', '2023-q4');
  fs.cpSync(SEED_DIR, data, { recursive: true });
  process.env.TONGBAO_TODAY = '2023-12-05';
  try {
    await run(ex.get('build')!, cwd, 'out', 0);
    edit(path.join(data, 'sites.yaml'), 'url: http://www.rongjiang.gov.cn', 'url: https://www.rongjiang.gov.cn/');
    await run(ex.get('annexes')!, cwd, 'out', 0);
    const record = fs.readFileSync(path.join(cwd, 'out', '2023-q4', '更正记录.txt'), 'utf8');
    expect(record.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')).toBe(ex.get('corrections')!.join('\n') + '\n');
    await run(ex.get('verify')!, cwd, 'out', 0);
    edit(path.join(data, 'accounts.yaml'), /(name: 黔东南发展改革\n\s+owner: [^\n]+\n\s+results: )\[合格, 合格, 合格\]/, '$1[合格, 不合格, 合格]');
    edit(path.join(data, 'notice.yaml'), '  - 三穗政务（政务微博）\n', '  - 三穗政务（政务微博）\n  - 黔东南发展改革（政务微博）\n');
    await run(ex.get('refused')!, cwd, 'err', 3);
  } finally {
    delete process.env.TONGBAO_TODAY;
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 180_000);
