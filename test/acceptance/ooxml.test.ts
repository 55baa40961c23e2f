// Word and Excel are strict about element order where LibreOffice forgives: every XML part of
// every .docx and .xlsx must validate against the ISO/IEC 29500 transitional schemas
// (../shared/acceptance/check-ooxml). Checked on the seed round as a user builds it, the 2024-Q1
// test round (版头 with a 发文字号, failing sites, problems), a round with empty groups, and
// rounds past ANNEX_INLINE_MAX_ROWS (the notice points to the workbooks) and just under it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReportModel } from '../../src/aggregate/model';
import { compiled } from '../support/compiled';
import { ACCEPTANCE, ROOT, describeIf, pythonLxml, sharedFile } from '../support/needs';
import { SEED_DIR } from '../support/round-fixture';
import { seedBuild } from '../support/seed-build';

const CHECK = path.join(ACCEPTANCE, 'check-ooxml');

// The product as it ships (dist/, loaded once per jest worker: test/support/compiled.ts).
const { syntheticModel } = compiled<typeof import('../../bench/synthetic')>('bench/synthetic');
const { loadModel } = compiled<typeof import('../../src/pipeline')>('src/pipeline');
const { renderNotice, noticeFileName } = compiled<typeof import('../../src/render/docx/notice')>('src/render/docx/notice');
const { ANNEX_INLINE_MAX_ROWS } = compiled<typeof import('../../src/render/template/notice')>('src/render/template/notice');
const { annexFileNames, writeAnnex1, writeAnnex2 } = compiled<typeof import('../../src/render/xlsx')>('src/render/xlsx');

/** check-ooxml over `files` (one python process: loading the ISO schemas is most of its work). */
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

// The four sets are written first and checked by one check-ooxml run (lxml loads the schemas
// once, not once per set). The checker prints a bad part as `FILE-NAME:PART: errors`, by file
// name only, and the sets share names, so each set is linked into the checked folder under a
// prefix of its own: each test asserts that no line names its files, that the checker got to
// its total, and that its exit status agrees with the lines it printed.
describeIf(sharedFile('check-ooxml'), pythonLxml)('check-ooxml: every XML part is schema-valid', () => {
  let tmp: string;
  const sets = new Map<string, string[]>();
  let result: { code: number | null; out: string };
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-ooxml-'));
    // the seed round as bin/tongbao.js built it: the run's one build (test/support/seed-build.ts), only read here
    const out = seedBuild();
    sets.set('seed', fs.readdirSync(out).filter((f) => /\.(docx|xlsx)$/.test(f)).map((f) => path.join(out, f)));
    // the 2024-Q1 round (发文字号 in the 版头, failing sites, problems)
    const q1 = await loadModel(path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q1'), ROOT);
    expect(q1.docNumber).toBeTruthy();
    sets.set('q1', await writeAll(q1, path.join(tmp, 'q1')));
    // a round with an empty group and empty tables
    const empty = await loadModel(SEED_DIR, ROOT);
    empty.annex1.groups[1].rows = [];
    for (const s of empty.annex2.sections) if (s.level === 'county') s.rows = [];
    sets.set('empty', await writeAll(empty, path.join(tmp, 'empty')));
    // rounds past and just under ANNEX_INLINE_MAX_ROWS
    const past = syntheticModel({ sites: ANNEX_INLINE_MAX_ROWS + 1, accounts: ANNEX_INLINE_MAX_ROWS + 50 });
    const under = syntheticModel({ sites: 30, accounts: ANNEX_INLINE_MAX_ROWS });
    sets.set('inline', [...(await writeAll(past, path.join(tmp, 'past'))), ...(await writeAll(under, path.join(tmp, 'under')))]);
    const checked = path.join(tmp, 'checked');
    fs.mkdirSync(checked);
    const links: string[] = [];
    for (const [name, files] of sets) {
      files.forEach((f, i) => {
        const link = path.join(checked, `${name}-${i}--${path.basename(f)}`);
        fs.symlinkSync(f, link);
        links.push(link);
      });
    }
    result = checkOoxml(links);
  }, 240_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const expectValid = (set: string, count: number) => {
    expect(sets.get(set)).toHaveLength(count);
    const bad = result.out.split('\n').filter((l) => /^[\w-]+--.*:.*: /.test(l));
    expect(bad.filter((l) => l.startsWith(`${set}-`))).toEqual([]);
    expect(result.out).toMatch(/^(\d+)\/\d+ parts schema-valid$/m);
    expect(result.code).toBe(bad.length === 0 ? 0 : 1);
  };

  test('the seed round, built by bin/tongbao.js', () => expectValid('seed', 3));

  test('the 2024-Q1 round (发文字号 in the 版头, failing sites, problems)', () => expectValid('q1', 3));

  test('a round with an empty group and empty tables', () => expectValid('empty', 3));

  test('rounds past and just under ANNEX_INLINE_MAX_ROWS', () => expectValid('inline', 6));
});
