// The page on a round whose view is cut short, as a national round's is (in-process server with
// small limits on a copy of the seed): the overview lists the first failing names and says how
// many more; 全部显示 fetches the whole list, which stays whole after an edit. Debian's chromium
// through playwright-core; skipped where chromium is missing, except in CI.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/serve/server';
import { SEED_DIR } from '../support/round-fixture';
import { browserSuite, CHROMIUM, hasChromium, launchChromium } from '../support/serve-browser';

browserSuite('a large round in Chromium', () => {
  let tmp: string;
  let server: RunningServer | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium missing at ${CHROMIUM}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-browser-large-'));
    fs.cpSync(SEED_DIR, path.join(tmp, 'data', '2023-q4'), { recursive: true });
    server = await startServer({ root: path.join(tmp, 'data'), cwd: tmp, port: 0, overviewLimit: 5, unitLimit: 30 });
    context = await launchChromium(path.join(tmp, 'profile'));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const list = () => page.locator('#failing-accounts');

  it('says how many more there are, shows them all when asked, and keeps them all after an edit', async () => {
    await page.goto(server!.url);
    await page.getByRole('link', { name: '2023-q4', exact: true }).click();
    await page.locator('#preview .tb-notice').waitFor();
    expect(await page.locator('#overview h3').nth(1).textContent()).toBe('不合格政务新媒体（23）');
    const start = (await list().textContent()) ?? '';
    expect(start).toMatch(/……等 23 个/);
    expect(start.split('、')).toHaveLength(5);
    // the names past the first five come from GET …/overview
    await list().getByRole('button', { name: '全部显示' }).click();
    await until(async () => ((await list().textContent()) ?? '').split('、').length === 23, 'the whole list');
    const whole = (await list().textContent()) ?? '';
    expect(whole.split('、')).toHaveLength(23);
    expect(whole).not.toMatch(/等 23 个|还有/);

    // an edit: the answer lists five again; the page fetches the whole list again
    await page.locator('#filter-q').fill('黔东南州生态环境局');
    await page.locator('#filter-platform').selectOption('weibo');
    const row = page.locator('table.units-table tbody tr');
    await until(async () => (await row.count()) === 1, 'one row');
    await row.getByRole('button', { name: /8月：不合格/ }).click();
    await until(async () => (await page.locator('#overview h3').nth(1).textContent()) === '不合格政务新媒体（22）', 'the count to say 22');
    await until(async () => ((await list().textContent()) ?? '').split('、').length === 22 && !((await list().textContent()) ?? '').includes('还有'), 'the whole list of 22');
    expect(await list().textContent()).not.toContain('黔东南州生态环境局（政务微博）');
    expect(await page.locator('#preview .tb-notice').innerText()).toContain('不合格政务微信、政务微博22个');

    // the notice form's 列举顺序 is made from the whole list, not the first five
    await page.getByRole('tab', { name: /^通报信息/ }).click();
    // (the seed gives its own order: back to the annex's order, made from the failing list)
    await page.locator('#btn-order-reset').click();
    const order = page.locator('fieldset[data-notice-field="failing_order"] ol.order-list > li');
    await until(async () => (await order.count()) === 22, 'the order list of 22');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

/** Polls until the condition holds (10 s). */
async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
