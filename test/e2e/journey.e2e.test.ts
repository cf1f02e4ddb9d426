/**
 * Browser journey through the Foundation and intelligence slices, against the real server:
 * sign in → create and open a product → create a release → upload an invalid SBOM (error list) →
 * upload a valid SBOM → wait for the import → search the component table → open the release's findings
 * and one match's evidence → see who is affected on the vulnerability page → find a vulnerability
 * by its CVE → compare its sources side by side with the KEV banner → look at the feed status.
 *
 * Before the server starts, hand-made intelligence (fixtures/feeds: two OSV records aliasing one
 * CVE, one of them withdrawn; a one-entry KEV catalog; a few daily EPSS files) is loaded into the
 * same data folder with `vigil feeds import`.
 *
 * Starts `node bin/vigil serve` as a child process (embedded database in a temp folder, free port,
 * fresh web build) and drives Chromium through playwright-core. Chromium is found at VIGIL_CHROMIUM
 * or /usr/bin/chromium; without it the journey is skipped, except in CI (CI=true) where it fails.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { findChromium, freePort, inheritedEnv, repoRoot, waitForHealth } from './support.ts';

const fixture = (name: string) => resolve(import.meta.dirname, 'fixtures', name);
const screenshotPath = resolve(repoRoot, 'test-results/e2e/product-page.png');
const vulnerabilityScreenshotPath = resolve(repoRoot, 'test-results/e2e/vulnerability-page.png');
const findingsScreenshotPath = resolve(repoRoot, 'test-results/e2e/findings.png');
const feedFixtures = resolve(import.meta.dirname, 'fixtures', 'feeds');
const CVE = 'CVE-2024-51234';
const GHSA = 'GHSA-m4q2-7x8v-3pfr';
const PYSEC = 'PYSEC-2024-211';

const chromiumPath = findChromium('the browser journey');

const ADMIN_EMAIL = 'psirt@example.com';
const ADMIN_PASSWORD = 'e2e-Journey-password-1';

describe.skipIf(!chromiumPath)('browser journey: products, releases, SBOM upload, components and vulnerability intelligence', () => {
  let workDir = '';
  let server: ChildProcess | null = null;
  let serverLog = '';
  let browser: Browser | null = null;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    const webDir = join(workDir, 'web');
    // Build the current web sources, so the journey never runs against a stale dist/web.
    execFileSync(
      process.execPath,
      [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(repoRoot, 'src/web/vite.config.ts'), '--outDir', webDir, '--emptyOutDir', '--logLevel', 'warn'],
      // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
    );

    // Seed vulnerability intelligence into the data folder the server will open.
    execFileSync(process.execPath, [join(repoRoot, 'bin/vigil'), 'feeds', 'import', feedFixtures, '--data-dir', join(workDir, 'data')], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: inheritedEnv(),
    });

    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = spawn(process.execPath, [join(repoRoot, 'bin/vigil'), 'serve'], {
      cwd: repoRoot,
      env: {
        ...inheritedEnv(),
        VIGIL_DATA_DIR: join(workDir, 'data'),
        VIGIL_WEB_DIR: webDir,
        VIGIL_PORT: String(port),
        VIGIL_HOST: 'localhost',
        VIGIL_ADMIN_EMAIL: ADMIN_EMAIL,
        VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
        VIGIL_DEMO: 'false',
        VIGIL_LOG_LEVEL: 'warn',
        // The journey must never reach out to the real feeds.
        VIGIL_FEED_SYNC: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
    await waitForHealth(baseUrl, server, () => serverLog, 120_000);

    browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server && server.exitCode === null) {
      const exited = new Promise<void>((r) => server!.once('exit', () => r()));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (workDir && !process.env.VIGIL_TEST_KEEP) rmSync(workDir, { recursive: true, force: true });
  });

  it('signs in, rejecting a wrong password inline', async () => {
    await page.goto(`${baseUrl}/`);
    const form = page.getByTestId('sign-in-form');
    await form.waitFor();
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('AUTH_INVALID_CREDENTIALS');

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByTestId('user-menu').waitFor();
  });

  it('creates a product, showing the server validation messages first, and opens it from the portfolio', async () => {
    await page.getByTestId('new-product').click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.waitFor();
    await page.getByTestId('product-submit').click();
    const problem = page.getByTestId('product-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('VALIDATION_FAILED');
    // The empty name is reported next to the Name field.
    await expect(dialog.getByTestId('product-name').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByTestId('product-name').fill('Aurora Infusion Pump');
    await page.getByTestId('product-manufacturer').fill('Example Medical Devices');
    await page.getByTestId('product-model').fill('AIP-200');
    await page.getByTestId('product-markets').fill('US, EU');
    await dialog.getByLabel('Has the ability to connect to the internet').check();
    await dialog.getByLabel('Contains technological characteristics that could be vulnerable to cybersecurity threats').check();
    await page.getByTestId('product-submit').click();
    await page.getByTestId('product-header').waitFor();
    expect(await page.getByTestId('product-name').textContent()).toBe('Aurora Infusion Pump');
    await page.getByTestId('cyber-badge').waitFor();

    // Back to the portfolio, then open the product from its row.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products' }).click();
    const row = page.getByTestId('product-row').filter({ hasText: 'Aurora Infusion Pump' });
    await row.waitFor();
    expect(await row.textContent()).toContain('AIP-200');
    expect(await row.textContent()).toContain('Cyber device');
    await row.getByTestId('product-link').click();
    await page.getByTestId('product-header').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/products\/[^/]+$/);
    await page.getByTestId('releases-empty').waitFor();

    // The browser's back and forward buttons move between the routes.
    await page.goBack();
    await page.getByTestId('product-row').first().waitFor();
    await page.goForward();
    await page.getByTestId('releases-empty').waitFor();
  });

  it('creates a release and selects it', async () => {
    await page.getByTestId('new-release').click();
    await page.getByRole('dialog', { name: 'New release' }).waitFor();
    await page.getByTestId('release-version').fill('3.2.0');
    await page.getByTestId('release-variant').fill('US');
    await page.getByTestId('release-submit').click();
    const row = page.getByTestId('release-row').filter({ hasText: '3.2.0' });
    await row.waitFor();
    expect(await row.getAttribute('aria-current')).toBe('page');
    expect(new URL(page.url()).pathname).toMatch(/^\/products\/[^/]+\/releases\/[^/]+$/);
    await page.getByTestId('release-panel').waitFor();
    await page.getByTestId('sboms-empty').waitFor();

    // A deep link to the release survives a reload (the server falls back to the app's index.html).
    await page.reload();
    await page.getByTestId('release-panel').waitFor();
    expect(await page.getByTestId('release-row').filter({ hasText: '3.2.0' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows the readable error list for an invalid SBOM', async () => {
    await page.getByTestId('upload-sbom').click();
    await page.getByRole('dialog', { name: /Upload SBOM/ }).waitFor();
    await page.getByTestId('upload-label').selectOption('firmware');
    await page.getByTestId('upload-file-input').setInputFiles(fixture('invalid-schema.cdx.json'));
    await page.getByTestId('upload-submit').click();
    const problem = page.getByTestId('upload-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('SBOM_SCHEMA_INVALID');
    const items = problem.getByTestId('upload-problem-errors').locator('li');
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(2);
    expect(await problem.getByTestId('upload-problem-count').textContent()).toContain(`${count} errors`);
    const text = (await items.allTextContents()).join('\n');
    expect(text).toMatch(/components.*1.*name/); // the component without a name
    expect(text).toMatch(/components.*0.*type/); // the component with an unknown type
  });

  it('uploads a valid SBOM, follows the import to the end and lists its components', async () => {
    await page.getByTestId('upload-file-input').setInputFiles(fixture('infusion-pump-firmware.cdx.json'));
    expect(await page.getByTestId('upload-problem').count()).toBe(0);
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('Imported 7 components');
    await page.getByTestId('upload-close').click();

    const sbomRow = page.getByTestId('sbom-row').filter({ hasText: 'infusion-pump-firmware.cdx.json' });
    await expect(sbomRow.getAttribute('data-status')).resolves.toBe('imported');
    await page.waitForFunction(() => document.querySelector('[data-testid="component-total"]')?.getAttribute('data-total') === '7');
    expect(await page.getByTestId('component-row').count()).toBe(7);
    expect(await page.getByTestId('page-range').textContent()).toBe('1–7 of 7');

    // Support columns: highlighted when no longer maintained or past the end of support, not otherwise.
    const concern = async (name: string) =>
      page.getByTestId('component-row').and(page.locator(`[data-name="${name}"]`)).locator('td[data-concern]').count();
    expect(await concern('zlib')).toBe(1);
    expect(await concern('busybox')).toBe(1);
    expect(await concern('openssl')).toBe(0);
    expect(await concern('lodash')).toBe(0);
  });

  it('searches and sorts the component table on the server', async () => {
    await page.getByTestId('component-search').fill('log4j');
    await page.waitForFunction(() => document.querySelector('[data-testid="component-total"]')?.getAttribute('data-total') === '1');
    const rows = page.getByTestId('component-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-name')).toBe('log4j-core');
    expect(await rows.first().textContent()).toContain('org.apache.logging.log4j');

    await page.getByTestId('component-search').fill('');
    await page.waitForFunction(() => document.querySelector('[data-testid="component-total"]')?.getAttribute('data-total') === '7');
    await page.getByTestId('sort-name').click(); // name is the default sort: this turns it descending
    await page.waitForFunction(() => document.querySelector('[data-testid="component-row"]')?.getAttribute('data-name') === 'zlib');
    const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
    expect(names).toEqual(['zlib', 'pump-telemetry', 'openssl', 'log4j-core', 'lodash', 'linux-kernel', 'busybox']);
    await page.getByTestId('sort-name').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="component-row"]')?.getAttribute('data-name') === 'busybox');

    mkdirSync(resolve(screenshotPath, '..'), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    process.stdout.write(`[e2e] product page screenshot: ${screenshotPath}\n`);
    expect(existsSync(screenshotPath)).toBe(true);
  });

  it("lists the release's findings and explains one match with its evidence", async () => {
    // pump-telemetry 2.3.0 (npm) in the SBOM lies inside the seeded GHSA range "introduced 0, fixed 2.4.1":
    // the finding was computed when the import finished.
    const badge = page.getByTestId('findings-badge');
    await badge.waitFor();
    expect(Number(await badge.getAttribute('data-active'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('tab-findings').click();
    const section = page.getByTestId('finding-section');
    await section.waitFor();
    const row = section.getByTestId('finding-row').and(page.locator(`[data-vuln="${CVE}"][data-component="pump-telemetry"]`));
    await row.waitFor();
    expect(await row.getAttribute('data-active')).toBe('true');
    expect(await row.getByTestId('finding-status').getAttribute('data-status')).toBe('affected');
    expect(await row.getByTestId('finding-confidence').getAttribute('data-confidence')).toBe('high');
    expect(await row.getByTestId('finding-confidence').getAttribute('title')).toMatch(/purl/i);
    await row.getByTestId('kev-badge').waitFor();
    expect(await row.locator('[data-severity]').getAttribute('data-severity')).toBe('critical');
    expect(await row.textContent()).toContain('pump-telemetry@2.3.0');
    expect(await row.textContent()).toContain('2.4.1');

    // Filters narrow the list on the server: nothing is "indeterminate" here.
    await section.getByTestId('finding-status-filter').selectOption('indeterminate');
    await section.getByTestId('findings-empty').waitFor();
    await section.getByTestId('finding-status-filter').selectOption('');
    await row.waitFor();

    // Expanding the row shows the evidence of each matching source, with its reason sentence.
    await row.getByTestId('finding-expand').click();
    const evidence = section.getByTestId('evidence-row').first();
    await evidence.waitFor();
    const items = evidence.getByTestId('evidence-item');
    expect(await items.count()).toBeGreaterThanOrEqual(1);
    const ghsaEvidence = items.filter({ hasText: GHSA });
    const reason = (await ghsaEvidence.getByTestId('evidence-reason').textContent()) ?? '';
    expect(reason).toContain('2.3.0');
    expect(reason.length).toBeGreaterThan(10);
    expect(await ghsaEvidence.textContent()).toContain('pkg:npm/pump-telemetry');

    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(resolve(findingsScreenshotPath, '..'), { recursive: true });
    await page.screenshot({ path: findingsScreenshotPath, fullPage: true });
    process.stdout.write(`[e2e] findings screenshot: ${findingsScreenshotPath}\n`);
    expect(existsSync(findingsScreenshotPath)).toBe(true);

    // The vulnerability page answers "who is affected by this CVE?".
    await row.getByTestId('finding-vuln-link').click();
    await page.getByTestId('vuln-page').waitFor();
    const affected = page.getByTestId('affected-section');
    const affectedRow = affected.getByTestId('affected-row').and(page.locator('[data-component="pump-telemetry"]'));
    await affectedRow.waitFor();
    expect(await affectedRow.textContent()).toContain('Aurora Infusion Pump');
    expect(await affectedRow.textContent()).toContain('3.2.0 (US)');
    expect(await affectedRow.getByTestId('finding-status').getAttribute('data-status')).toBe('affected');

    // The portfolio findings page keeps its filters in the URL.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
    const portfolioRow = page.getByTestId('finding-row').and(page.locator(`[data-vuln="${CVE}"]`));
    await portfolioRow.waitFor();
    expect(await portfolioRow.getByTestId('finding-release-link').textContent()).toBe('Aurora Infusion Pump');
    await page.getByTestId('finding-kev-only').check();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('kev') === 'true');
    await page.reload();
    await page.getByTestId('finding-row').first().waitFor();
    expect(await page.getByTestId('finding-kev-only').isChecked()).toBe(true);
  });

  it('explains an unknown product link instead of failing', async () => {
    await page.goto(`${baseUrl}/products/no-such-product`);
    await page.getByTestId('product-not-found').waitFor();
    await page.goto(`${baseUrl}/no/such/page`);
    await page.getByText('Page not found').waitFor();
  });

  it('finds a vulnerability by its CVE: one row for both aliased records, with the KEV badge, filters kept in the URL', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vulnerabilities' }).click();
    await page.getByRole('heading', { name: 'Vulnerabilities' }).waitFor();
    await page.getByTestId('vuln-row').first().waitFor();

    await page.getByTestId('vuln-search').fill(CVE);
    await page.waitForFunction((cve) => new URL(window.location.href).searchParams.get('q') === cve, CVE);
    await page.waitForFunction(() => document.querySelector('[data-testid="vuln-total"]')?.getAttribute('data-total') === '1');
    const rows = page.getByTestId('vuln-row');
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-id')).toBe(CVE);
    const aliases = await row.getByTestId('vuln-aliases').textContent();
    expect(aliases).toContain(GHSA);
    expect(aliases).toContain(PYSEC);
    const kev = row.getByTestId('kev-badge');
    await kev.waitFor();
    expect(await kev.getAttribute('data-ransomware')).toBe('true');
    expect(await row.locator('[data-severity]').getAttribute('data-severity')).toBe('critical');

    // "Known exploited only" goes into the URL too, and a reload (or a shared link) restores the view.
    await page.getByTestId('vuln-kev-only').check();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('kev') === 'true');
    await page.reload();
    await page.getByTestId('vuln-row').first().waitFor();
    expect(await page.getByTestId('vuln-search').inputValue()).toBe(CVE);
    expect(await page.getByTestId('vuln-kev-only').isChecked()).toBe(true);
    expect(await page.getByTestId('vuln-row').count()).toBe(1);

    await page.getByTestId('vuln-row').first().getByTestId('vuln-link').click();
    await page.getByTestId('vuln-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/vulnerabilities/${CVE}`);
  });

  it('shows both sources side by side with the KEV banner, EPSS history and the raw records', async () => {
    const header = page.getByTestId('vuln-header');
    expect(await header.getByTestId('vuln-primary-id').textContent()).toBe(CVE);
    const identifiers = await header.getByTestId('vuln-identifiers').locator('li').allTextContents();
    expect(identifiers.sort()).toEqual([CVE, GHSA, PYSEC].sort());
    await header.getByTestId('epss-sparkline').waitFor();
    expect(await header.getByTestId('vuln-epss').textContent()).toContain('31.2%');

    const banner = page.getByTestId('kev-banner');
    await banner.waitFor();
    const bannerText = await banner.textContent();
    expect(bannerText).toContain('Command Injection Vulnerability');
    expect(bannerText).toContain('25 Nov 2024');
    expect(bannerText).toContain('16 Dec 2024');
    expect(bannerText).toContain('Apply mitigations per vendor instructions');
    await banner.getByTestId('kev-ransomware').waitFor();

    const cards = page.getByTestId('advisory-card');
    expect(await cards.count()).toBe(2);
    const ghsa = cards.and(page.locator(`[data-id="${GHSA}"]`));
    const pysec = cards.and(page.locator(`[data-id="${PYSEC}"]`));
    const [a, b] = [await ghsa.boundingBox(), await pysec.boundingBox()];
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2); // side by side, not stacked
    expect(Math.abs(a!.x - b!.x)).toBeGreaterThan(200);
    expect(await ghsa.getByTestId('advisory-withdrawn').count()).toBe(0);
    expect(await pysec.getByTestId('advisory-withdrawn').textContent()).toContain('Withdrawn');
    expect(await ghsa.getByTestId('affected-range').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('≥ 0, fixed 2.4.1')]));
    expect(await pysec.getByTestId('affected-range').first().textContent()).toContain('≥ 0, fixed 1.8.0');

    // References open in a new tab without handing over the opener.
    const reference = ghsa.getByRole('link', { name: `https://example.com/advisories/${GHSA}` });
    expect(await reference.getAttribute('target')).toBe('_blank');
    expect((await reference.getAttribute('rel'))?.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));

    await ghsa.getByText('Raw record').click();
    expect(await ghsa.getByTestId('raw-record').textContent()).toContain(`"id": "${GHSA}"`);
    await ghsa.getByText('Raw record').click();

    // Back to the top first: the sticky top bar would otherwise sit in the middle of a full-page shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(resolve(vulnerabilityScreenshotPath, '..'), { recursive: true });
    await page.screenshot({ path: vulnerabilityScreenshotPath, fullPage: true });
    process.stdout.write(`[e2e] vulnerability page screenshot: ${vulnerabilityScreenshotPath}\n`);

    // Any identifier of the group opens the same page; an unknown one says so.
    await page.goto(`${baseUrl}/vulnerabilities/${PYSEC}`);
    await page.getByTestId('vuln-page').waitFor();
    expect(await page.getByTestId('vuln-page').getAttribute('data-id')).toBe(CVE);
    await page.goto(`${baseUrl}/vulnerabilities/CVE-1999-99999`);
    await page.getByTestId('vuln-not-found').waitFor();
  });

  it('shows the status of every feed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feeds' }).click();
    await page.getByTestId('feeds-table').waitFor();
    const sources = await page.getByTestId('feed-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-source')));
    expect(sources).toEqual(expect.arrayContaining(['osv', 'nvd', 'kev', 'epss']));
    for (const source of ['osv', 'kev']) {
      const row = page.getByTestId('feed-row').and(page.locator(`[data-source="${source}"]`));
      expect(await row.getAttribute('data-status')).toBe('idle');
      expect(await row.getByTestId(`feed-sync-${source}`).isEnabled()).toBe(true);
    }

    // "Sync now" posts with the CSRF token; the answer is stubbed here, as the journey must not reach
    // the real OSV servers. The button then waits for the queued job instead of queueing another.
    let posted: { method: string; csrf: string | undefined } | null = null;
    await page.route('**/api/feeds/osv/sync', (route) => {
      posted = { method: route.request().method(), csrf: route.request().headers()['x-csrf-token'] };
      return route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ jobId: 'e2e-job-0001' }) });
    });
    await page.getByTestId('feed-sync-osv').click();
    await page.getByTestId('feed-sync-note').filter({ hasText: 'queued' }).waitFor();
    expect(posted).toMatchObject({ method: 'POST', csrf: expect.stringMatching(/.+/) });
    expect(await page.getByTestId('feed-sync-osv').isDisabled()).toBe(true);
    await page.getByTestId('feeds-polling').waitFor();
    await page.unroute('**/api/feeds/osv/sync');
  });

  it('signs out from the user menu, and the session is gone after a reload', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('link', { name: 'API documentation' }).waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor();
  });
});
