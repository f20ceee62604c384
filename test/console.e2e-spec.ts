/// <reference lib="dom" />
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The web console in a real headless Chromium (Debian's package): a tester's path from an empty
 * emulator to a scenario report. CONSOLE_SCREENSHOT=<file.png> also saves a screenshot of the live page.
 */
describe('web console (headless Chromium)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let browser: Browser;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (the CI script does), or set CHROMIUM_PATH`);
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ DEMO_ORGANIZATION: 'true', RETRY_SCHEDULE: '200ms,200ms', RETRY_JITTER: '0' });
    profile = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
      ],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) => {
      // The live stream is aborted on purpose when the page goes away.
      if (!r.url().endsWith('/api/stream')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await app?.close();
    await receiver?.close();
  });

  const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
  const go = async (hash: string) => {
    await page.evaluate((h) => (location.hash = h), hash);
  };
  /**
   * The buttons, selects and inputs that stick out of their panel, at a desktop's and a laptop's
   * width (wide tables once pushed the webhook list's actions and the agents' selects past the edge).
   */
  const controlsPastTheirPanel = async () => {
    const past: string[] = [];
    for (const width of [1400, 1100]) {
      await page.setViewport({ width, height: 900 });
      const names = await page.$$eval('.panel button, .panel select, .panel input', (controls) =>
        controls
          .filter((c) => c.getBoundingClientRect().right > c.closest('.panel')!.getBoundingClientRect().right + 0.5)
          .map((c) => `${c.tagName.toLowerCase()} ${(c.textContent ?? '').trim() || c.getAttribute('name')}`),
      );
      past.push(...names.map((n) => `${width}px: ${n}`));
    }
    await page.setViewport({ width: 1400, height: 900 });
    return past;
  };
  /** With CONSOLE_SCREENSHOT set, a screenshot of the page as it is now, beside that file. */
  const shoot = async (name: string) => {
    if (process.env.CONSOLE_SCREENSHOT)
      await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT.replace(/\.png$/, `-${name}.png`) as `${string}.png`, fullPage: true });
  };

  it('creates a webhook with all event types, sends an event, follows it live to delivered, shows the exact body, resends, and runs a scenario to its report', async () => {
    await page.goto(`${app.url}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('header.top .dot.on', { timeout: 15_000 });

    // Webhooks: create one for all event types.
    await go('#/webhooks');
    await page.waitForSelector('#create-webhook input[name=endpoint]');
    await page.$eval('#create-webhook input[name=endpoint]', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#create-webhook input[name=endpoint]', receiverUrl('/console'));
    await page.type('#create-webhook input[name=secret]', 'ConsoleSecret1');
    expect(await page.$eval('#create-webhook input[name=all-types]', (el) => (el as HTMLInputElement).checked)).toBe(true);
    await page.click('#create-webhook button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#webhooks')?.textContent?.includes('/console'), { timeout: 10_000 });
    expect(await text('#webhooks')).toContain('all 34');
    // A Landis webhook beside it: its generated secret is shown once, the list names each row's platform.
    await page.select('#create-webhook select[name=platform]', 'landis');
    await page.waitForSelector('#create-webhook select[name=landis-events]');
    await page.$eval('#create-webhook input[name=endpoint]', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#create-webhook input[name=endpoint]', receiverUrl('/console-landis'));
    // Emptied with an input event, so the form's state (the secret typed above) empties too.
    await page.$eval('#create-webhook input[name=secret]', (el) => {
      (el as HTMLInputElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.click('#create-webhook button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#webhooks')?.textContent?.includes('/console-landis'), { timeout: 10_000 });
    expect(await text('#create-webhook')).toMatch(/\(Landis\); its secret, shown once: whs_[0-9a-f]{32}/);
    const rows = await page.$$eval('#webhooks tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows.find((r) => r.includes('/console-landis'))).toMatch(/^Landis/);
    expect(rows.find((r) => r.includes('/console') && !r.includes('/console-landis'))).toMatch(/^Enreach/);
    expect(await controlsPastTheirPanel()).toEqual([]);
    await shoot('webhooks');

    // Catalog: send one UserStatus with a value of our own.
    await go('#/catalog/UserStatus');
    await page.waitForSelector('#send-event input[name=ParkedCalls]');
    await page.type('#send-event input[name=ParkedCalls]', '2');
    await page.select('#send-event select[name=Talking]', 'true');
    await page.click('#send-event button[type=submit]');
    await page.waitForSelector('#sent-event a.mono', { timeout: 10_000 });
    const eventId = await text('#sent-event a.mono');
    await shoot('catalog');
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);

    // Live: the delivery arrives and turns delivered.
    await go('#/live');
    await page.waitForSelector(`#live-events`, { timeout: 10_000 });
    await page.waitForSelector(`#live-deliveries tr[data-event-id="${eventId}"][data-status=delivered]`, { timeout: 15_000 });
    expect(await text('#live-events')).toContain('UserStatus');

    // Detail: the exact body the receiver got, the token masked, then a resend.
    await page.click(`#live-deliveries tr[data-event-id="${eventId}"]`);
    await page.waitForSelector('#request-body');
    const got = receiver.requests.filter((r) => r.path === '/console');
    expect(got).toHaveLength(1);
    expect(await text('#request-body')).toBe(got[0].body);
    expect(JSON.parse(got[0].body)).toMatchObject({ Id: eventId, EventType: 'UserStatus', ParkedCalls: 2, Talking: true });
    const detail = await page.content();
    expect(detail).toContain('***');
    expect(detail).not.toContain('ConsoleSecret1');
    await page.click('#resend');
    await page.waitForFunction(() => document.querySelectorAll('#attempts tbody tr').length === 2, { timeout: 10_000 });
    expect(await text('#attempts')).toContain('manual');
    await receiver.waitFor(() => receiver.requests.filter((r) => r.path === '/console').length === 2, 5000);
    await shoot('delivery');

    // Simulation: a small scenario to its report with charts.
    await go('#/simulation');
    await page.waitForSelector('#users tbody tr');
    await page.waitForSelector('#scenario-form input[name=DurationSeconds]');
    expect(await controlsPastTheirPanel()).toEqual([]);
    for (const [name, value] of [
      ['DurationSeconds', '4'],
      ['CallsPerSecond', '2'],
      ['TimeScale', '40'],
    ]) {
      await page.$eval(`#scenario-form input[name=${name}]`, (el) => ((el as HTMLInputElement).value = ''));
      await page.type(`#scenario-form input[name=${name}]`, value);
    }
    await page.click('#scenario-form button[type=submit]');
    await page.waitForSelector('#scenario-run', { timeout: 10_000 });
    await page.waitForSelector('#scenario-report #chart-throughput canvas', { timeout: 45_000 });
    expect(await text('#scenario-run')).toContain('completed');
    expect(await page.$$('#scenario-report canvas')).toHaveLength(3);
    expect(await text('#scenario-report')).toMatch(/Latency p50 \/ p95 \/ p99\s+[\d.]+ \/ [\d.]+ \/ [\d.]+ ms/);
    if (process.env.CONSOLE_SCREENSHOT) {
      await shoot('simulation');
      await go('#/live');
      await page.waitForFunction(() => document.querySelector('#live-deliveries td.ellipsis')?.textContent?.includes('/console'));
      await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT as `${string}.png` });
    }

    // A page opened afterwards starts with what is stored: the catalog's event, delivered.
    const later = await browser.newPage();
    try {
      await later.goto(`${app.url}/#/live`, { waitUntil: 'domcontentloaded' });
      await later.waitForSelector(`#live-deliveries tr[data-event-id="${eventId}"][data-status=delivered]`, { timeout: 15_000 });
      expect(await later.$eval('#live-events', (el) => (el as HTMLElement).innerText)).toContain(eventId.slice(0, 8));
    } finally {
      await later.close();
    }

    expect(problems).toEqual([]);
  }, 120_000);

  it('asks once for the admin key when ADMIN_API_KEY is set, and then works with it', async () => {
    const key = 'console-admin-key-0123456789';
    const keyed = await startTestApp({ ADMIN_API_KEY: key }, app.infra);
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      await tab.goto(`${keyed.url}/`, { waitUntil: 'domcontentloaded' });
      await tab.waitForSelector('.modal input[name=admin-key]', { timeout: 15_000 });
      await tab.type('.modal input[name=admin-key]', key);
      await Promise.all([tab.waitForNavigation(), tab.click('.modal button[type=submit]')]);
      await tab.waitForSelector('header.top .dot.on', { timeout: 15_000 });
      await tab.evaluate(() => (location.hash = '#/webhooks'));
      await tab.waitForFunction(() => document.querySelector('#webhooks')?.textContent?.includes('/console'), { timeout: 10_000 });
      expect(await tab.$('.modal')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
      await keyed.close();
    }
  }, 60_000);
});
