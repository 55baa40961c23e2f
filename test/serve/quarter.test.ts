// Acceptance of the page in a real Chromium (Debian's chromium through playwright-core, as in
// browser.test.ts): a clerk does a whole quarter in the page, no file edited outside it —
// start 2024-Q1 from the seed round, fill the notice form, fill every result with bulk fill
// plus exceptions (the user actions are counted: at most 30), make and fix a mistake through
// its jump link, see the preview at every step, build, correct a URL and 只更新附件, undo one
// edit through the history, package, download the notice and read its text.
// UPDATE_SCREENSHOTS=1 also writes docs/images/serve-{new-quarter,progress,notice-form,history}.png.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_DIR } from '../support/round-fixture';
import { browserSuite, CHROMIUM, docxParagraphs, hasChromium, ROOT, startServe, stopServe, launchChromium } from '../support/serve-browser';

const IMAGES = path.join(ROOT, 'docs', 'images');
const suite = browserSuite;





async function until(cond: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('a whole quarter in the page', () => {
  let tmp: string;
  let server: { url: string; child: ChildProcess } | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium missing at ${CHROMIUM}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-quarter-'));
    fs.cpSync(SEED_DIR, path.join(tmp, 'data', '2023-q4'), { recursive: true });
    server = await startServe(path.join(tmp, 'data'), tmp);
    context = await launchChromium(path.join(tmp, 'profile'), { acceptDownloads: true });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (server) await stopServe(server.child);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('start, fill, fix, build, correct, undo, package, read — in at most 30 actions', async () => {
    const dir = path.join(tmp, 'data', '2024-q1');
    let actions = 0;
    /** one thing the clerk does (a click, a value typed, a key) */
    const act = async <T>(what: Promise<T>): Promise<T> => {
      actions++;
      return what;
    };
    const shot = async (name: string) => {
      if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: path.join(IMAGES, `serve-${name}.png`) });
    };
    const preview = () => page.locator('#preview .tb-notice').innerText();
    /** the preview is there after every step */
    const seePreview = async () => {
      await page.locator('#preview .tb-notice').waitFor();
      expect((await preview()).length).toBeGreaterThan(200);
    };
    /** every edit sent has been answered */
    const settled = async () => {
      await page.waitForTimeout(100);
      await until(async () => (await page.evaluate('(document.body.dataset.pending ?? "0") === "0" && document.querySelector(".busy, .pending") === null')) === true, 'edits answered');
    };
    const status = () => page.locator('#status').innerText();

    // 1. the rounds list: 新建一季度 proposes 2024-Q1 from the seed round
    await page.goto(server!.url);
    await page.locator('#init-quarter').waitFor();
    expect(await page.locator('#init-from').inputValue()).toBe('2023-q4');
    expect(await page.locator('#init-quarter').inputValue()).toBe('2024-Q1');
    expect(await page.locator('#init-name').inputValue()).toBe('2024-q1');
    await shot('new-quarter');
    await act(page.locator('#btn-init').click());
    await page.locator('#progress .progress').waitFor();
    expect(fs.readFileSync(path.join(dir, 'notice.yaml'), 'utf8')).toContain('round: 2024-Q1');
    // progress, not errors
    expect(await page.locator('#round-head h1').innerText()).toBe('关于2024年第一季度全州政府网站和政务新媒体检查情况的通报');
    expect(await page.locator('#round-head').innerText()).not.toMatch(/错误/);
    expect(await page.locator('#progress').innerText()).toMatch(/还需填写 280 项[\s\S]*还需填写：网站结果 50 项，新媒体月份结果 225 项，通报信息 5 项[\s\S]*检查结果已填 0\/275/);
    await seePreview();
    expect(await preview()).toContain('【待填写：成文日期】');
    await shot('progress');

    // 2. the notice form: the 5 values still to fill, jumped to from the progress line
    await act(page.locator('#fill-notice').click());
    const nf = (f: string) => page.locator(`[data-notice-field="${f}"]`);
    await nf('inspection.from').waitFor();
    for (const [f, v] of [['inspection.from', '2024-04-08'], ['inspection.to', '2024-04-12'], ['issued', '2024-04-16'], ['deadline', '2024-04-30']] as const) {
      await act(nf(f).fill(v));
      await nf(f).dispatchEvent('change');
      await settled();
    }
    await act(nf('doc_number').fill('黔东南政信〔2024〕3号'));
    await nf('doc_number').press('Tab');
    await settled();
    await until(async () => !(await page.locator('#fill-notice').count()), 'the notice to be filled');
    await seePreview();
    expect(await preview()).toContain('2024年4月16日');
    expect(await preview()).toContain('黔东南政信〔2024〕3号');
    await shot('notice-form');

    // 3. results: each table's empty boxes set to 合格 in one edit, then the exceptions
    await act(page.getByRole('tab', { name: /政府网站/ }).click());
    await act(page.locator('#btn-bulk').click());
    await settled();
    await seePreview();
    await act(page.getByRole('tab', { name: /政务新媒体/ }).click());
    expect(await page.locator('#btn-bulk').innerText()).toBe('设为合格（225 项）');
    await act(page.locator('#btn-bulk').click());
    await settled();
    expect(await page.locator('#progress').innerText()).toBe('');
    const accounts = fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8');
    expect(accounts).not.toMatch(/results: \[.*~.*\]/);
    // one bulk fill, one history version
    expect(fs.readdirSync(path.join(dir, 'history')).length).toBe(5 + 2);
    // the exceptions: two months of one account, one of another
    const month = (unit: string, i: number) => page.locator(`[data-key="accounts.yaml:${unit}|results:${i}"]`);
    await act(month('weibo:department:0', 0).click());
    await settled();
    await act(month('weibo:department:0', 1).click());
    await settled();
    await act(month('wechat:county:2', 2).click());
    await settled();
    await seePreview();
    expect(await page.locator('#overview .tile').nth(3).locator('.tile-value').innerText()).toBe('2');
    const firstName = await page.locator('[data-key="accounts.yaml:weibo:department:0|name"]').inputValue();
    expect(await preview()).toContain(`${firstName}（政务微博）`);

    // 4. a mistake made and fixed through its jump link: a site renamed like another
    await act(page.getByRole('tab', { name: /政府网站/ }).click());
    const name0 = await page.locator('[data-key="sites.yaml:department:0|name"]').inputValue();
    const name1 = await page.locator('[data-key="sites.yaml:department:1|name"]').inputValue();
    await act(page.locator('[data-key="sites.yaml:department:1|name"]').fill(name0));
    await act(page.locator('[data-key="sites.yaml:department:1|name"]').press('Enter'));
    await settled();
    await page.locator('#diagnostics li.error').first().waitFor();
    expect(await page.locator('#btn-build').isDisabled()).toBe(true);
    await seePreview();
    await act(page.locator('#diagnostics li.error button.diag-jump').first().click());
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('data-key')).toMatch(/^sites\.yaml:department:[01]\|name$/);
    await act(focused.fill(name1));
    await act(focused.press('Enter'));
    await settled();
    // if the jump went to the first of the pair, the clerk put its own name back: the same fix either way
    await until(async () => (await page.locator('#diagnostics li.error').count()) === 0, 'the error to go');
    await seePreview();

    // 5. build
    await until(async () => !(await page.locator('#btn-build').isDisabled()), 'build enabled');
    await act(page.locator('#btn-build').click());
    await page.locator('#result .card.result.ok').waitFor({ timeout: 90_000 });
    await seePreview();

    // 6. correct a URL, 只更新附件 (the 正文 stays, the 附件 are corrected)
    const url = page.locator('[data-key="sites.yaml:county:0|url"]');
    const oldUrl = await url.inputValue();
    await act(url.fill('https://www.corrected.example.gov.cn'));
    await act(url.press('Enter'));
    await settled();
    expect(await page.locator('#changes').innerText()).toContain('https://www.corrected.example.gov.cn');
    await act(page.locator('#btn-annexes').click());
    await page.locator('#result .card.result').waitFor();
    await until(async () => /只更新附件：(完成|未执行)/.test(await page.locator('#result').innerText()), 'the annexes answer', 90_000);
    const annexes = await page.locator('#result').innerText();
    // a URL correction leaves the 正文 as signed: the annexes and the notice's 附件 pages are
    // corrected, and the corrected row is named as the reader sees it
    expect(annexes).toMatch(/只更新附件：完成/);
    expect(annexes).toContain('https://www.corrected.example.gov.cn');
    expect(annexes).not.toContain('只更新附件：未执行');
    await seePreview();

    // 7. undo the URL correction through the history
    await act(page.getByRole('tab', { name: '修改历史' }).click());
    const newest = page.locator('#history-list li.version').first();
    await newest.waitFor();
    expect(await newest.innerText()).toContain('https://www.corrected.example.gov.cn');
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.locator('#status button').click().catch(() => undefined);
      await page.evaluate(`(() => { const p = document.getElementById('data-pane'); const l = document.getElementById('units'); p.scrollTop = l.offsetTop - 150; })()`);
    }
    await shot('history');
    await act(newest.getByRole('button', { name: /^恢复第 \d+ 版$/ }).click());
    await settled();
    await until(async () => (await status()).includes('已恢复'), 'the restore');
    expect(fs.readFileSync(path.join(dir, 'sites.yaml'), 'utf8')).toContain(oldUrl);
    expect(fs.readFileSync(path.join(dir, 'sites.yaml'), 'utf8')).not.toContain('corrected.example');
    await seePreview();

    // 8. package (no PDF), then the notice from the output files
    if (await page.locator('#opt-pdf').isChecked()) await act(page.locator('#opt-pdf').uncheck());
    await act(page.locator('#btn-package').click());
    await until(async () => /送签包：(完成|未执行)/.test(await page.locator('#result').innerText()), 'the package', 120_000);
    expect(await page.locator('#result').innerText()).toMatch(/送签包：完成[\s\S]*已写送签包/);
    await act(page.getByRole('tab', { name: '输出文件与历史版本' }).click());
    const link = page.locator('#outputs a.download', { hasText: /\.docx$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), act(link.click())]);
    const file = path.join(tmp, 'notice.docx');
    await download.saveAs(file);
    const text = (await docxParagraphs(file)).join('\n');
    expect(text).toContain('关于2024年第一季度全州政府网站和政务新媒体检查情况的通报');
    expect(text).toContain('黔东南政信〔2024〕3号');
    expect(text).toContain('2024年4月8至4月12日');
    expect(text).toContain(`${firstName}（政务微博）`);
    expect(text).toContain('不合格政务微信、政务微博2个');
    expect(text).not.toContain('待填写');

    expect(actions).toBeLessThanOrEqual(30);
    expect(pageErrors).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`a whole quarter in the page: ${actions} user actions; 只更新附件 said: ${annexes.split('\n').slice(0, 2).join(' / ')}`);
  }, 400_000);

  it('is usable at 200% zoom and from the keyboard: every control named, nothing off-screen', async () => {
    // 1366 × 768 at 200% is a 683 × 384 CSS-pixel window
    await page.setViewportSize({ width: 683, height: 384 });
    await page.goto(`${server!.url}#/r/2024-q1`);
    await page.locator('#round-head h1').waitFor();
    for (const tab of ['政务新媒体', '政府网站', '通报信息', '修改历史']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.waitForTimeout(300);
      // every control has an accessible name, and (apart from the cells of a table, named by
      // their column and row) a visible text label
      const unnamed = await page.evaluate(`[...document.querySelectorAll('main button, main input, main select, main textarea')]
        .filter((e) => e.offsetParent !== null)
        .filter((e) => {
          const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
          const by = e.getAttribute('aria-labelledby');
          const named = (label || '').trim() || (e.getAttribute('aria-label') || '').trim() || (by && document.getElementById(by) ? document.getElementById(by).textContent : '').trim() || (e.tagName === 'BUTTON' ? e.textContent.trim() : '');
          return !named;
        })
        .map((e) => e.outerHTML.slice(0, 120))`);
      expect(unnamed).toEqual([]);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(1);
    }
    // the keyboard reaches the tabs and moves between them with the arrows
    await page.getByRole('tab', { name: /^政务新媒体/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^政府网站/);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('fills from the keyboard (2 = 不合格, then down) and from a column pasted from Excel, as one edit', async () => {
    const dir = path.join(tmp, 'data', '2024-q1');
    await page.goto(`${server!.url}#/r/2024-q1`);
    await page.getByRole('tab', { name: /^政务新媒体/ }).click();
    const box = (i: number, m: number) => page.locator(`[data-key="accounts.yaml:weibo:county:${i}|results:${m}"]`);
    await box(0, 1).focus();
    await page.keyboard.press('2');
    await until(async () => (await page.evaluate('document.body.dataset.pending')) === '0' && (await box(0, 1).innerText()) === '不合格', 'the key to set 不合格');
    await until(async () => (await page.evaluate('document.activeElement.dataset.key')) === 'accounts.yaml:weibo:county:1|results:1', 'the focus to move down');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.dataset.key')).toBe('accounts.yaml:weibo:county:1|results:2');
    const versions = fs.readdirSync(path.join(dir, 'history')).length;
    // a column of three cells copied from Excel, pasted on the focused box
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '不合格\\r\\n否\\r\\n合格\\r\\n');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await until(async () => (await page.evaluate('document.body.dataset.pending')) === '0' && (await box(2, 2).innerText()) === '不合格', 'the pasted column');
    expect([await box(1, 2).innerText(), await box(2, 2).innerText(), await box(3, 2).innerText()]).toEqual(['不合格', '不合格', '合格']);
    expect(fs.readdirSync(path.join(dir, 'history')).length).toBe(versions + 1);
    // a cell that is not a result: nothing pasted, said why
    const before = fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8');
    await box(3, 2).focus();
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '合格\\n优秀');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await until(async () => (await page.locator('#status').innerText()).includes('不是合格或不合格'), 'the refusal');
    expect(fs.readFileSync(path.join(dir, 'accounts.yaml'), 'utf8')).toBe(before);

    // filters belong to one round: another round opens unfiltered
    await page.locator('#filter-q').fill('黔东南');
    await page.locator('#filter-failing').check();
    // within the page (no reload): back to the list, then the other round
    await page.getByRole('link', { name: '全部轮次' }).click();
    await page.getByRole('link', { name: '2023-q4', exact: true }).click();
    await page.locator('#round-head h1').waitFor();
    await until(async () => (await page.locator('#round-head h1').innerText()).includes('2023年第四季度'), 'the other round');
    expect(await page.locator('#filter-q').inputValue()).toBe('');
    expect(await page.locator('#filter-failing').isChecked()).toBe(false);

    // a paragraph split across pages: its first part's last line is stretched only when it is full
    await page.locator('#preview .tb-notice').waitFor();
    const split = await page.evaluate(`[...document.querySelectorAll('#preview p.tb-split')].map((p) => {
      const justified = getComputedStyle(p).textAlignLast === 'justify';
      const keep = p.style.textAlignLast;
      p.style.textAlignLast = 'auto';
      const r = document.createRange();
      r.selectNodeContents(p);
      const rects = [...r.getClientRects()];
      const top = Math.max(...rects.map((x) => x.top));
      const right = Math.max(...rects.filter((x) => Math.abs(x.top - top) < 2).map((x) => x.right));
      const box = p.getBoundingClientRect();
      p.style.textAlignLast = keep;
      return { justified, gap: (box.right - right) / box.width, em: parseFloat(getComputedStyle(p).fontSize) / p.offsetWidth };
    })`) as { justified: boolean; gap: number; em: number }[];
    expect(split.length).toBeGreaterThan(0);
    for (const p of split) expect(p.justified).toBe(p.gap <= 2 * p.em);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the notice form: order of the failing accounts, 按附件顺序, a list item added and removed, an option undone with 撤销', async () => {
    const file = path.join(tmp, 'data', '2023-q4', 'notice.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const settled = async () => {
      await page.waitForTimeout(100);
      await until(async () => (await page.evaluate('(document.body.dataset.pending ?? "0") === "0"')) === true, 'edits answered');
    };
    await page.goto(`${server!.url}#/r/2023-q4`);
    await page.getByRole('tab', { name: /^通报信息/ }).click();
    const order = page.locator('[data-notice-field="failing_order"] .order-list li');
    const first = (await order.first().locator('span').innerText()).trim();
    const second = (await order.nth(1).locator('span').innerText()).trim();
    await page.getByRole('button', { name: `${first} 下移` }).click();
    await settled();
    await until(async () => (await order.first().locator('span').innerText()).trim() === second, 'the new order');
    expect(fs.readFileSync(file, 'utf8')).toContain(`failing_order:\n  - ${second}\n  - ${first}\n`);
    expect(await page.locator('#preview .tb-notice').innerText()).toContain(`不合格的政务新媒体分别是：${second}、${first}、`);
    await page.locator('#btn-order-reset').click();
    await settled();
    await until(async () => !fs.readFileSync(file, 'utf8').includes('failing_order:'), 'failing_order removed');

    // 检查依据: one item added, then removed
    const basis = page.locator('[data-notice-field="basis"]');
    const items = await basis.locator('li.nf-item').count();
    await basis.getByRole('button', { name: '增加一项检查依据' }).click();
    await settled();
    await until(async () => (await basis.locator('li.nf-item').count()) === items + 1, 'a new item');
    const title = basis.locator(`[data-notice-field="basis.${items}.title"]`);
    await title.fill('关于加强政务新媒体管理的通知');
    await title.press('Tab');
    await settled();
    expect(await page.locator('#preview .tb-notice').innerText()).toContain('《关于加强政务新媒体管理的通知》');
    await basis.getByRole('button', { name: `删除检查依据第 ${items + 1} 项` }).click();
    await settled();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('关于加强政务新媒体管理的通知');

    // an option, then 撤销: the file as it was just before
    const before = fs.readFileSync(file, 'utf8');
    await page.getByLabel('附件表格加“上季度结果”一列').check();
    await settled();
    expect(fs.readFileSync(file, 'utf8')).toContain('annex_column: true');
    await page.locator('#btn-undo').click();
    await until(async () => fs.readFileSync(file, 'utf8') === before, 'the undo');
    expect(original).toContain('failing_order:');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
