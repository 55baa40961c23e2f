// Word and Excel are strict about element order where LibreOffice forgives: every XML part of
// every .docx and .xlsx must validate against the ISO/IEC 29500 transitional schemas
// (../shared/acceptance/check-ooxml). Checked on the seed round as a user builds it, the 2024-Q1
// test round (版头 with a 发文字号, failing sites, problems), a round with empty groups, and
// rounds past ANNEX_INLINE_MAX_ROWS (the notice points to the workbooks) and just under it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { syntheticModel } from '../../bench/synthetic';
import type { ReportModel } from '../../src/aggregate/model';
import { loadModel } from '../../src/pipeline';
import { renderNotice, noticeFileName } from '../../src/render/docx/notice';
import { ANNEX_INLINE_MAX_ROWS } from '../../src/render/template/notice';
import { annexFileNames, writeAnnex1, writeAnnex2 } from '../../src/render/xlsx';
import { ACCEPTANCE, ROOT, describeIf, pythonLxml, sharedFile } from '../support/needs';
import { SEED_DIR } from '../support/round-fixture';
import { seedBuild } from '../support/seed-build';

const CHECK = path.join(ACCEPTANCE, 'check-ooxml');

function checkOoxml(files: string[]): { code: number | null; out: string } {
  const r = spawnSync('python3', [CHECK, ...files], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

async function writeAll(model: ReportModel, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const names = annexFileNames(model);
  const files = [path.join(dir, noticeFileName(model)), path.join(dir, names.annex1), path.join(dir, names.annex2)];
  fs.writeFileSync(files[0], await renderNotice(model));
  await writeAnnex1(model, files[1]);
  await writeAnnex2(model, files[2]);
  return files;
}

describeIf(sharedFile('check-ooxml'), pythonLxml)('check-ooxml: every XML part is schema-valid', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-ooxml-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const expectValid = (files: string[]) => {
    const r = checkOoxml(files);
    expect(r.out).toMatch(/^(\d+)\/\1 parts schema-valid$/m);
    expect(r.code).toBe(0);
  };

  test('the seed round, built by bin/tongbao.js', () => {
    // the run's one build of the seed (test/support/seed-build.ts), only read here
    const out = seedBuild();
    const files = fs.readdirSync(out).filter((f) => /\.(docx|xlsx)$/.test(f));
    expect(files).toHaveLength(3);
    expectValid(files.map((f) => path.join(out, f)));
  });

  test('the 2024-Q1 round (发文字号 in the 版头, failing sites, problems)', async () => {
    const model = await loadModel(path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q1'), ROOT);
    expect(model.docNumber).toBeTruthy();
    expectValid(await writeAll(model, path.join(tmp, 'q1')));
  });

  test('a round with an empty group and empty tables', async () => {
    const model = await loadModel(SEED_DIR, ROOT);
    model.annex1.groups[1].rows = [];
    for (const s of model.annex2.sections) if (s.level === 'county') s.rows = [];
    expectValid(await writeAll(model, path.join(tmp, 'empty')));
  });

  test('rounds past and just under ANNEX_INLINE_MAX_ROWS', async () => {
    const past = syntheticModel({ sites: ANNEX_INLINE_MAX_ROWS + 1, accounts: ANNEX_INLINE_MAX_ROWS + 50 });
    const under = syntheticModel({ sites: 30, accounts: ANNEX_INLINE_MAX_ROWS });
    expectValid([...(await writeAll(past, path.join(tmp, 'past'))), ...(await writeAll(under, path.join(tmp, 'under')))]);
  }, 240_000);
});
