// The page's 整改 tab in a real headless Chromium (Debian's chromium through playwright-core):
// `tongbao serve` on a copy of the seed round with the fixture's rectify.yaml; tick 已收到整改报告
// for a unit that had not reported, set a 复查结果, and see rectify.yaml change in only those values.
// Skipped where chromium is missing, except in CI.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_DIR } from '../support/round-fixture';
import { browserSuite, CHROMIUM, hasChromium, startServe, stopServe, launchChromium } from '../support/serve-browser';
import { RECTIFY_FIXTURE } from './helpers';

const suite = browserSuite;


suite('the 整改 tab in Chromium', () => {
  let tmp: string;
  let child: ChildProcess | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  let url = '';
  const pageErrors: string[] = [];
  let rectify = '';

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium missing at ${CHROMIUM}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-browser-rectify-'));
    const data = path.join(tmp, 'data');
    fs.cpSync(SEED_DIR, path.join(data, '2023-q4'), { recursive: true });
    rectify = path.join(data, '2023-q4', 'rectify.yaml');
    fs.copyFileSync(RECTIFY_FIXTURE, rectify);
    ({ url, child } = await startServe(data, tmp));
    context = await launchChromium(path.join(tmp, 'profile'));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (child) await stopServe(child);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows each failing unit, takes a report and a review, and saves them into rectify.yaml', async () => {
    await page.goto(url);
    await page.getByRole('link', { name: '2023-q4', exact: true }).click();
    await page.getByRole('tab', { name: '整改' }).click();
    const counts = page.locator('#rectify-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('不合格 23 个：按期报送 20，逾期报送 1，未报送 2；复查合格 22，不合格 1，未复查 0');
    expect(await page.locator('table.rectify tbody tr').count()).toBe(23);

    const before = fs.readFileSync(rectify, 'utf8');
    // 三穗政务 had not reported: tick it and give the date
    const box = page.getByRole('checkbox', { name: '三穗政务（政务微博） 已收到整改报告' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.locator('#rectify-counts', { hasText: '未报送 1' }).waitFor();
    await page.getByRole('textbox', { name: '三穗政务（政务微博） 整改报告报送日期' }).fill('2023-12-03');
    await page.locator('#status', { hasText: '已保存：三穗政务（政务微博） 报送日期 2023-12-03' }).waitFor();
    // its review: 不合格 → 合格
    await page.getByRole('combobox', { name: '三穗政务（政务微博） 复查结果' }).selectOption('合格');
    await page.locator('#rectify-counts', { hasText: '复查合格 23' }).waitFor();
    expect(await page.locator('#rectify-counts').textContent()).toContain('按期报送 20，逾期报送 2，未报送 1；复查合格 23，不合格 0');

    const after = fs.readFileSync(rectify, 'utf8');
    expect(after).toBe(before.replace('  - name: 三穗政务\n    platform: 政务微博\n    reported: ~\n    review: 不合格\n', '  - name: 三穗政务\n    platform: 政务微博\n    reported: 2023-12-03\n    review: 合格\n'));
    // the earlier versions are kept
    expect(fs.readdirSync(path.join(tmp, 'data', '2023-q4', 'history')).length).toBeGreaterThanOrEqual(3);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
