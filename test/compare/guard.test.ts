// A notice that prints the comparison depends on the previous round's data too: a correction
// there must reach `tongbao annexes` as a notice change (exit 3), and nothing may be written.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from '../../src/build';
import { regenerateAnnexes } from '../../src/handoff/annexes';
import { fakeRenderers, snapshot } from '../write/helpers';

const ROUNDS = path.join(__dirname, '..', 'fixtures', 'rounds');
let cwd: string;

beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-guard-'));
  for (const r of ['2024-q2', '2024-q3']) fs.cpSync(path.join(ROUNDS, r), path.join(cwd, r), { recursive: true });
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

function edit(file: string, find: string, replace: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`“${find}” not in ${file}`);
  fs.writeFileSync(file, text.replace(find, replace));
}

test('a result corrected in the previous round changes the notice: annexes refuses and writes nothing', async () => {
  const renderers = fakeRenderers();
  const b = await build({ dataDir: '2024-q3', cwd, renderers });
  expect(b.status).toBe('written');
  const out = path.join(cwd, 'out', '2024-q3');
  const before = snapshot(out);

  // 东区人民政府 passed in 2024-Q2 after all: it is no longer a repeat failure, and the Q2 rates rise
  edit(path.join(cwd, '2024-q2', 'sites.yaml'), 'url: https://www.dongqu.example.gov.cn\n    result: 不合格', 'url: https://www.dongqu.example.gov.cn\n    result: 合格');
  const r = await regenerateAnnexes({ dataDir: '2024-q3', cwd, renderers: fakeRenderers() });
  expect(r.status).toBe('notice-changed');
  if (r.status !== 'notice-changed') return;
  expect(r.differences).toHaveLength(1);
  // Q2 now 6 of 10 = 60.0 overall (81.8 − 60.0 = +21.8), sites 3 of 5 = 60.0 (83.3 − 60.0 = +23.3);
  // Q2 failing now 市卫生健康委员会, 西县, 某市教育, 某市交通服务: all pass in Q3, so 4 rectified and no repeat list
  expect(r.differences[0]).toMatch(/^合格率与复查：.*连续不合格：东区人民政府 → /);
  expect(r.differences[0]).toContain('→ 合格率：总体 81.8%');
  expect(r.differences[0]).toMatch(/比2024年第二季度：总体 \+21\.8，政府网站 \+23\.3，政务微博 \+0\.0，政务微信 \+33\.3；复查 4 个：已整改合格 4，仍未整改合格 0，未检查 0$/);
  expect(snapshot(out)).toEqual(before);
});
