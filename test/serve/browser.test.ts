// The page in a real headless Chromium (Debian's chromium, driven by playwright-core; no browser
// is downloaded): `tongbao serve` on a copy of the seed round, a clerk's quarter end to end —
// change a failing account's month to 合格, see the totals and the preview follow, 生成, download
// the notice and read its text — and a unit named like markup shown as text.
// Skipped where chromium is missing, except in CI, where that is a failure.
// UPDATE_SCREENSHOTS=1 also writes the screenshots in docs/images/serve-*.png.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_DIR } from '../support/round-fixture';
import { browserSuite, CHROMIUM, docxParagraphs, hasChromium, ROOT, startServe, stopServe, launchChromium } from '../support/serve-browser';

const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures', 'rounds', '2024-q1');
const IMAGES = path.join(ROOT, 'docs', 'images');
const XSS = '<img src=x onerror=alert(1)>';

if (!hasChromium && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`serve browser tests skipped: no Chromium at ${CHROMIUM} (Debian package chromium)`);
}





const suite = browserSuite;

suite('the page in Chromium', () => {
  let tmp: string;
  let server: { url: string; child: ChildProcess } | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium missing at ${CHROMIUM}: CI installs the Debian package chromium (.ci/run)`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-browser-'));
    const data = path.join(tmp, 'data');
    fs.cpSync(SEED_DIR, path.join(data, '2023-q4'), { recursive: true });
    fs.cpSync(FIXTURE_DIR, path.join(data, '2024-q1'), { recursive: true });
    // a round with a mistake in it, for the list's error count and the errors shown inline
    fs.cpSync(FIXTURE_DIR, path.join(data, '2024-q2-草稿'), { recursive: true });
    const sites = path.join(data, '2024-q2-草稿', 'sites.yaml');
    const text = fs.readFileSync(sites, 'utf8');
    const broken = text.replace(/result: 合格/, 'result: 基本合格');
    if (broken === text) throw new Error('fixture sites.yaml has no “result: 合格” to break');
    fs.writeFileSync(sites, broken);
    server = await startServe(data, tmp);
    context = await launchChromium(path.join(tmp, 'profile'), { acceptDownloads: true });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      // the page asks before deleting a unit; nothing else may open a dialog
      void (d.type() === 'confirm' ? d.accept() : d.dismiss());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (server) await stopServe(server.child);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openRound(name: string): Promise<void> {
    await page.goto(server!.url);
    await page.getByRole('link', { name, exact: true }).click();
    await page.locator('#overview .tiles').waitFor();
    await page.locator('#preview .tb-notice').waitFor();
  }

  const failingAccounts = () => page.locator('#failing-accounts').textContent();
  const previewText = () => page.locator('#preview .tb-notice').innerText();

  it('lists the rounds with their state', async () => {
    await page.goto(server!.url);
    const rows = page.locator('main table tbody tr');
    await expectCount(rows, 3);
    const texts = await rows.allInnerTexts();
    expect(texts.find((t) => t.includes('2023-q4'))).toMatch(/关于2023年第四季度全州政府网站和政务新媒体检查情况的通报[\s\S]*无错误[\s\S]*尚未生成/);
    expect(texts.find((t) => t.includes('2024-q2-草稿'))).toMatch(/1 个错误/);
  }, 60_000);

  it('turns a failing month to 合格: totals, failing list and preview follow; 生成 writes a notice that says so', async () => {
    await openRound('2023-q4');
    const tile = page.locator('#overview .tile').nth(3).locator('.tile-value');
    expect(await tile.textContent()).toBe('23');
    expect(await failingAccounts()).toContain('黔东南州生态环境局（政务微博）');
    expect(await previewText()).toContain('不合格政务微信、政务微博23个');

    // find the account with the search box and the platform filter, as a clerk would
    await page.locator('#filter-q').fill('黔东南州生态环境局');
    await page.locator('#filter-platform').selectOption('weibo');
    const row = page.locator('table.units-table tbody tr');
    await expectCount(row, 1);
    const month = row.getByRole('button', { name: /8月：不合格/ });
    await month.click();

    await until(async () => (await tile.textContent()) === '22', 'the failing accounts tile to say 22');
    expect(await failingAccounts()).not.toContain('黔东南州生态环境局（政务微博）');
    await until(async () => (await previewText()).includes('不合格政务微信、政务微博22个'), 'the preview to say 22');
    expect(await previewText()).toContain('不合格的政务新媒体分别是：贵州省黔东南州文旅在线（政务微博）、');
    expect(await row.getByRole('button', { name: /8月：合格/ }).count()).toBe(1);
    // saved in the YAML file itself
    const yaml = fs.readFileSync(path.join(tmp, 'data', '2023-q4', 'accounts.yaml'), 'utf8');
    expect(yaml).toContain('- name: 黔东南州生态环境局\n      owner: 黔东南州生态环境局\n      results: [合格, 合格, 合格]');

    await page.locator('#btn-build').click();
    await page.locator('#result .card.result.ok').waitFor({ timeout: 60_000 });
    expect(await page.locator('#result').innerText()).toMatch(/生成：完成/);
    const link = page.locator('#result a.download', { hasText: /\.docx$/ });
    await expectCount(link, 1);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(tmp, 'notice.docx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe('关于2023年第四季度全州政府网站和政务新媒体检查情况的通报.docx');
    const paras = await docxParagraphs(file);
    const overall = paras.find((p) => p.startsWith('目前，全州纳入监管的政府网站共有50个'))!;
    expect(overall).toContain('经检查，全州有不合格政务微信、政务微博22个，未发现不合格政府网站。');
    expect(overall).toContain('不合格的政务新媒体分别是：贵州省黔东南州文旅在线（政务微博）、黔东南州自然资源局（政务微博）、');
    expect(overall).not.toContain('黔东南州生态环境局（政务微博）');

    // after the build: nothing changed since, and the files tab offers the outputs
    await until(async () => ((await page.locator('#changes').textContent()) ?? '').includes('数据与上次生成时相同'), 'no changes since the build');
    await page.getByRole('tab', { name: '输出文件与历史版本' }).click();
    await expectCount(page.locator('#outputs a.download'), 4);
    // a name in the failing list leads to its row
    await page.locator('#failing-accounts').getByRole('button', { name: '贵州省黔东南州文旅在线（政务微博）' }).click();
    expect(await page.evaluate('document.activeElement.closest("tr").dataset.unit')).toBe('accounts.yaml:weibo:department:4');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows a unit named like markup as text, everywhere', async () => {
    await openRound('2023-q4');
    await page.getByRole('tab', { name: /政府网站/ }).click();
    const name = page.locator('table.units-table tbody tr').first().locator('[data-field="name"]');
    await name.fill(XSS);
    await name.press('Enter');
    await until(async () => (await previewText()).includes(XSS), 'the preview to show the new name');
    const result = page.locator('table.units-table tbody tr').first().getByRole('button', { name: /结果：合格/ });
    await result.click();
    await until(async () => (await page.locator('#failing-sites').textContent()) === XSS, 'the failing sites to list the new name');
    expect(await previewText()).toContain(`不合格的政府网站是：${XSS}。`);
    expect(await page.locator('table.units-table tbody tr').first().locator('[data-field="name"]').inputValue()).toBe(XSS);
    // no element was made from the name, and nothing ran
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    const yaml = fs.readFileSync(path.join(tmp, 'data', '2023-q4', 'sites.yaml'), 'utf8');
    expect(yaml).toContain(XSS);
  }, 60_000);

  it('keeps an edit that was not saved visible, says why in Chinese, and saves it on retry', async () => {
    await openRound('2023-q4');
    const accountsFile = path.join(tmp, 'data', '2023-q4', 'accounts.yaml');
    const row = () => page.locator('tr[data-unit="accounts.yaml:weibo:department:1"]');
    expect(await row().locator('[data-field="name"]').inputValue()).toBe('黔东南民政');

    // the file changes on disk after the page read it: 409, nothing written, the clerk's 不合格 stays on screen
    fs.appendFileSync(accountsFile, '# 另一台电脑上的修改\n');
    const changed = fs.readFileSync(accountsFile, 'utf8');
    await row().getByRole('button', { name: /9月：合格/ }).click();
    await page.locator('#failures [role="alert"]').waitFor();
    expect(await page.locator('#failures').innerText()).toMatch(/有 1 处修改没有保存[\s\S]*黔东南民政 9月改为不合格：/);
    const month = row().locator('[data-field="results:1"]');
    expect(await month.textContent()).toBe('不合格');
    expect(await month.getAttribute('class')).toContain('unsaved');
    expect(await row().locator('.note.not-saved').innerText()).toContain('未保存');
    expect(fs.readFileSync(accountsFile, 'utf8')).toBe(changed);

    await page.getByRole('button', { name: '重新读取后再保存' }).click();
    await until(async () => (await page.locator('#failures').innerText()) === '', 'the failure to clear');
    expect(await row().locator('[data-field="results:1"]').textContent()).toBe('不合格');
    expect(fs.readFileSync(accountsFile, 'utf8')).toContain('- name: 黔东南民政\n      owner: 黔东南州民政局\n      results: [合格, 不合格, 合格]');
    expect(fs.readFileSync(accountsFile, 'utf8')).toContain('# 另一台电脑上的修改');

    // a value the schema refuses: 422, nothing written, the field keeps what was typed until discarded
    const before = fs.readFileSync(accountsFile, 'utf8');
    const owner = row().locator('[data-field="owner"]');
    await owner.fill('   ');
    await owner.press('Enter');
    await page.locator('#failures [role="alert"]').waitFor();
    expect(await page.locator('#failures').innerText()).toMatch(/黔东南民政 的主办单位：这个值不能保存/);
    expect(await row().locator('[data-field="owner"]').inputValue()).toBe('   ');
    expect(fs.readFileSync(accountsFile, 'utf8')).toBe(before);
    await page.getByRole('button', { name: '放弃这处修改' }).click();
    expect(await row().locator('[data-field="owner"]').inputValue()).toBe('黔东南州民政局');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('does not send a stale edit again when another unit now sits at its place in the file', async () => {
    await openRound('2024-q1');
    await page.getByRole('tab', { name: /政府网站/ }).click();
    const sitesFile = path.join(tmp, 'data', '2024-q1', 'sites.yaml');
    // elsewhere, a site is put first in the list: 市教育局 moves down one place
    const text = fs.readFileSync(sitesFile, 'utf8');
    const moved = text.replace('department:\n', 'department:\n  - name: 市审计局\n    url: https://sjj.example.gov.cn\n    result: 合格\n');
    expect(moved).not.toBe(text);
    fs.writeFileSync(sitesFile, moved);
    await page.locator('tr[data-unit="sites.yaml:department:0"]').getByRole('button', { name: /市教育局 结果：合格/ }).click();
    await page.getByRole('button', { name: '重新读取后再保存' }).waitFor();
    await page.getByRole('button', { name: '重新读取后再保存' }).click();
    await until(async () => ((await page.locator('#status').textContent()) ?? '').includes('没有重试'), 'the page to say it did not retry');
    expect(fs.readFileSync(sitesFile, 'utf8')).toBe(moved);
    expect(await page.locator('#failures').innerText()).toBe('');
    // the table now shows the file as it is
    expect(await page.locator('tr[data-unit="sites.yaml:department:0"] [data-field="name"]').inputValue()).toBe('市审计局');
    fs.writeFileSync(sitesFile, text);
  }, 60_000);

  it('works from the keyboard: a month toggled with Enter keeps the focus through the redraw', async () => {
    await openRound('2023-q4');
    const key = 'accounts.yaml:weibo:department:2|results:2';
    const month = () => page.locator(`[data-key="${key}"]`);
    expect(await month().textContent()).toBe('合格');
    await month().focus();
    await page.keyboard.press('Enter');
    await until(async () => (await month().textContent()) === '不合格' && !(await month().getAttribute('class'))?.includes('pending'), 'the month to be saved as 不合格');
    await until(async () => (await page.evaluate('document.activeElement.dataset.key')) === key, 'the focus to come back to the month');
    await page.keyboard.press('Space');
    await until(async () => (await month().textContent()) === '合格' && !(await month().getAttribute('class'))?.includes('pending'), 'the month to be saved as 合格 again');
    const yaml = fs.readFileSync(path.join(tmp, 'data', '2023-q4', 'accounts.yaml'), 'utf8');
    expect(yaml).toContain('- name: 黔东南发展改革\n      owner: 黔东南州发展和改革委员会\n      results: [合格, 合格, 合格]');
    // the tabs follow the arrow keys
    await page.getByRole('tab', { name: /政务新媒体/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^政府网站/);
    expect(await page.locator('table.units-table.sites').count()).toBe(1);
  }, 60_000);

  it('adds a site and removes it again; 只更新附件 refuses, with the reason, when the notice would change', async () => {
    await openRound('2024-q1');
    const sitesFile = path.join(tmp, 'data', '2024-q1', 'sites.yaml');
    const original = fs.readFileSync(sitesFile, 'utf8');
    const total = page.locator('#overview .tile').first().locator('.tile-value');
    expect(await total.textContent()).toBe('4');
    await page.getByRole('tab', { name: /政府网站/ }).click();
    await page.getByText('添加一个网站').click();
    await page.locator('#add-sites-group').selectOption('county');
    await page.locator('#add-sites-name').fill('南山区');
    await page.locator('#add-sites-second').fill('http://www.nanshan.example.gov.cn');
    await page.getByRole('button', { name: '添加网站' }).click();
    await until(async () => (await total.textContent()) === '5', 'five sites');
    expect(fs.readFileSync(sitesFile, 'utf8')).toContain('name: 南山区');
    expect(await previewText()).toContain('区（县）级政府网站3个');

    await page.getByRole('button', { name: '删除网站：南山区' }).click();
    await until(async () => (await total.textContent()) === '4', 'four sites again');
    expect(dialogs.pop()).toMatch(/^confirm: 确定要删除网站“南山区”吗？/);
    expect(fs.readFileSync(sitesFile, 'utf8')).toBe(original);

    // 2023-q4 was built above and has changed since in what the notice says
    await openRound('2023-q4');
    expect(await page.locator('#changes').innerText()).toContain('通报正文会改变');
    await page.locator('#btn-annexes').click();
    await page.locator('#result .card.result.warn').waitFor({ timeout: 60_000 });
    const said = await page.locator('#result').innerText();
    expect(said).toMatch(/只更新附件：未执行[\s\S]*通报正文/);
    expect(said).toContain(XSS);
    expect(dialogs).toEqual([]);
  }, 90_000);

  it('imports a corrected annex workbook in two steps: the check lists the changes, 确认导入 writes them', async () => {
    await openRound('2024-q1');
    await page.locator('#btn-build').click();
    await page.locator('#result .card.result.ok').waitFor({ timeout: 60_000 });
    // the clerk corrects 附件1 in Excel: 东区 turns out 不合格
    const out = path.join(tmp, 'out', '2024-q1');
    const annex1 = fs.readdirSync(out).find((f) => f.startsWith('附件1') && f.endsWith('.xlsx'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, annex1));
    // cells are rich text as the workbooks are written; the 数据 sheet says 是/否
    const text = (v: unknown) => (v && typeof v === 'object' && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(v ?? ''));
    let cells = 0;
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        if (!(row.values as unknown[]).some((v) => text(v) === '东区')) return;
        row.eachCell((cell) => {
          const was = text(cell.value);
          if (was === '合格' || was === '否') {
            cell.value = was === '合格' ? '不合格' : '是';
            cells++;
          }
        });
      }),
    );
    expect(cells).toBeGreaterThan(0);
    const corrected = path.join(tmp, annex1);
    await wb.xlsx.writeFile(corrected);
    const sitesFile = path.join(tmp, 'data', '2024-q1', 'sites.yaml');
    const before = fs.readFileSync(sitesFile, 'utf8');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#btn-import').click()]);
    await chooser.setFiles(corrected);
    await page.locator('#btn-import-apply').waitFor({ timeout: 60_000 });
    const check = await page.locator('#result').innerText();
    expect(check).toMatch(/导入检查：请确认[\s\S]*未改动任何文件/);
    expect(check).toMatch(/东区[^\n]*合格 → 不合格/);
    expect(check).toContain('通报将有不同');
    expect(fs.readFileSync(sitesFile, 'utf8')).toBe(before);

    await page.locator('#btn-import-apply').click();
    await until(async () => (await page.locator('#result').innerText()).includes('已导入'), 'the import to be written');
    expect(await page.locator('#result').innerText()).toContain('已写入：sites.yaml');
    expect(fs.readFileSync(sitesFile, 'utf8')).not.toBe(before);
    await until(async () => (await page.locator('#failing-sites').textContent())?.includes('东区') ?? false, 'the failing sites to list 东区');
    expect(await page.locator('#btn-import-apply').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows a validation error at its unit and field in words, FILE:LINE:COL on request, and still the preview', async () => {
    await page.goto(server!.url);
    await page.getByRole('link', { name: '2024-q2-草稿', exact: true }).click();
    await page.locator('#diagnostics .diag-list').waitFor();
    const item = page.locator('#diagnostics .diag-list li.error').first();
    // the place as a clerk says it; the file position only when asked for
    expect(await item.innerText()).toMatch(/^错误\s*\S+网站“[^”]+” · 检查结果/);
    expect(await item.innerText()).not.toMatch(/sites\.yaml:\d+/);
    await page.locator('#show-loc').check();
    expect(await item.innerText()).toMatch(/sites\.yaml:\d+:\d+/);
    // the preview is there, the unit in error marked at its row in 附件1, and says so
    await page.locator('#preview .tb-notice').waitFor();
    expect(await page.locator('#preview-note').innerText()).toMatch(/另有 1 个单位有错误（“[^”]+”），已在附件中标出【有错误】/);
    expect(await page.locator('#btn-build').isDisabled()).toBe(true);
    const marker = page.locator('#preview a.tb-err');
    await expectCount(marker, 1);
    expect(await marker.innerText()).toBe('【有错误：结果有误】');
    expect(await marker.getAttribute('aria-label')).toBe('【有错误：结果有误】，跳到数据中的这个单位改正');
    // its row: the unit's own name and — for the result that cannot be judged
    const markedRow = page.locator('#preview tr', { has: page.locator('a.tb-err') });
    expect((await markedRow.innerText()).split('\t').map((t) => t.trim())).toEqual(['1', '市教育局【有错误：结果有误】', 'https://jyj.example.gov.cn', '—', '']);
    await marker.scrollIntoViewIfNeeded();
    expect(await marker.isVisible()).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.evaluate('document.querySelector("#preview a.tb-err").scrollIntoView({ block: "center" })');
      await page.locator('#preview-pane').screenshot({ path: path.join(IMAGES, 'serve-error-marker.png') });
    }
    // set apart from 待填写 by more than colour: bold, underlined, outlined
    expect(await page.evaluate('(() => { const c = getComputedStyle(document.querySelector("#preview a.tb-err")); return [c.fontWeight, c.textDecorationLine]; })()')).toEqual(['700', 'underline']);
    // the marker is a link to the unit's box in the data pane
    await marker.click();
    await until(async () => (await page.evaluate('document.activeElement?.closest("tr")?.dataset.unit')) === 'sites.yaml:department:0', 'the focus on the unit in error');
    expect(await page.locator('tr[data-unit="sites.yaml:department:0"]').isVisible()).toBe(true);
    await item.getByRole('button').click();
    const bad = page.locator('table.units-table tr.row-error');
    await expectCount(bad, 1);
    expect(await bad.locator('.note.error').innerText()).toMatch(/^sites\.yaml:\d+:\d+ 错误：/);
    await page.locator('#show-loc').uncheck();
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.evaluate('document.querySelector("#diagnostics section").scrollIntoView()');
      await page.screenshot({ path: path.join(IMAGES, 'serve-errors.png') });
      await page.goto(server!.url);
      await page.locator('main table tbody tr').first().waitFor();
      await page.screenshot({ path: path.join(IMAGES, 'serve-rounds.png') });
      await openRound('2024-q1');
      await page.screenshot({ path: path.join(IMAGES, 'serve-round.png') });
      // the preview alone, zoomed out to show whole sheets: the end of the text and 附件1
      await page.getByRole('button', { name: '隐藏预览' }).focus();
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '缩小预览' }).click();
      await page.evaluate('document.querySelectorAll("#preview .tb-sheet")[1].scrollIntoView()');
      await page.locator('#preview-pane').screenshot({ path: path.join(IMAGES, 'serve-preview.png') });
    }
  }, 60_000);
});

/** Waits for a locator to match n elements (playwright-core has no expect of its own). */
async function expectCount(locator: ReturnType<Page['locator']>, n: number): Promise<void> {
  const until = Date.now() + 10_000;
  while ((await locator.count()) !== n && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
}

/** Polls until the condition holds (10 s). */
async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
