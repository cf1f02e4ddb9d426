/**
 * Browser journey through regulatory cases, against the real server with the demo portfolio:
 * sign in → a demo release's findings → open a case from a finding → record facts (US device,
 * became aware five weeks ago in New York, risk uncontrolled) → obligations with due dates appear,
 * some overdue → record a later fact (correction initiated) → the 806 report gets its due date →
 * mark one obligation not applicable (password-signed; a wrong password is refused) → fulfil one with
 * a reference number and an uploaded document → the deadline board lists the case's open obligations,
 * overdue ones distinct, with the overdue count in the navigation.
 *
 * The browser runs in Europe/Berlin while the facts are recorded in America/New_York, so every due
 * time shows in the user's zone with the defining zone underneath.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, dateIn, findChromium, launchChromium, repoRoot, shownIn, startVigil } from './support.ts';
import type { VigilServer } from './support.ts';

const chromiumPath = findChromium('the cases journey');
const ADMIN_EMAIL = 'regulatory@example.com';
const ADMIN_PASSWORD = 'e2e-Cases-password-1';
const USER_ZONE = 'Europe/Berlin';
const FACT_ZONE = 'America/New_York';
const caseScreenshot = resolve(repoRoot, 'test-results/e2e/case.png');
const boardScreenshot = resolve(repoRoot, 'test-results/e2e/deadlines.png');



interface ApiObligation {
  key: string;
  status: string;
  dueAt: string | null;
  reference: string | null;
  document: { name: string; sha256: string; byteSize: number } | null;
}

describe.skipIf(!chromiumPath)('browser journey: a case from a finding, its facts, obligations and the deadline board', () => {
  let workDir = '';
  let server: VigilServer | null = null;
  let browser: Browser | null = null;
  let page: Page;
  let caseNumber = 0;
  const now = Date.now();
  const becameAware = `${dateIn(now - 35 * 86_400_000, FACT_ZONE)}T09:00`;
  const correctionInitiated = `${dateIn(now - 86_400_000, FACT_ZONE)}T08:00`;

  const row = (key: string) => page.getByTestId('obligation-row').and(page.locator(`[data-key="${key}"]`));
  const apiCase = async () => (await (await page.request.get(`${server!.baseUrl}/api/cases/${caseNumber}`)).json()) as { obligations: ApiObligation[]; facts: Record<string, unknown> };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-cases-'));
    const webDir = join(workDir, 'web');
    buildWeb(webDir);
    server = await startVigil({
      VIGIL_DATA_DIR: join(workDir, 'data'),
      VIGIL_WEB_DIR: webDir,
      VIGIL_ADMIN_EMAIL: ADMIN_EMAIL,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIL_DEMO: 'true',
    });
    browser = await launchChromium(chromiumPath!);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: USER_ZONE });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir && !process.env.VIGIL_TEST_KEEP) rmSync(workDir, { recursive: true, force: true });
  });

  it('signs in', async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    // No case yet: no overdue badge.
    expect(await page.getByTestId('nav-overdue').count()).toBe(0);
  });

  it('opens a case from a finding of a demo release, with the title prefilled', async () => {
    await page.getByTestId('product-row').filter({ hasText: 'Aurora Infusion Pump' }).getByTestId('product-link').click();
    await page.getByTestId('release-row').and(page.locator('[data-version="3.4.2"]')).click();
    await page.getByTestId('tab-findings').click();
    const finding = page.getByTestId('finding-row').and(page.locator('[data-vuln="CVE-2022-28391"]'));
    await finding.getByTestId('finding-expand').click();
    await page.getByTestId('finding-open-case').click();
    const dialog = page.getByTestId('open-case-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('open-case-title').inputValue()).toBe('CVE-2022-28391 in busybox@1.35.0 (Aurora Infusion Pump 3.4.2)');
    expect(await page.getByTestId('open-case-kind').inputValue()).toBe('vulnerability');
    await page.getByTestId('open-case-submit').click();

    await page.getByTestId('case-header').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/cases\/\d+$/);
    caseNumber = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(await page.getByTestId('case-title').textContent()).toBe('CVE-2022-28391 in busybox@1.35.0 (Aurora Infusion Pump 3.4.2)');
    expect(await page.getByTestId('case-product-link').textContent()).toBe('Aurora Infusion Pump');
    expect(await page.getByTestId('case-release-link').textContent()).toBe('Release 3.4.2');
    // The product's markets start the facts; nothing has started a clock yet.
    expect(await page.getByTestId('fact-product.markets-US').isChecked()).toBe(true);
    expect(await page.getByTestId('fact-product.markets-EU').isChecked()).toBe(true);
    await page.getByTestId('obligations-empty').waitFor();
    // Unset times offer the browser's zone.
    expect(await page.getByTestId('fact-events.becameAware-zone').inputValue()).toBe(USER_ZONE);
  });

  it('records facts: obligations with due dates appear, shown in the user zone, some overdue', async () => {
    await page.getByTestId('fact-product.markets-EU').uncheck();
    await page.getByTestId('fact-assessment.risk').selectOption('uncontrolled');
    await page.getByTestId('fact-events.becameAware').fill(becameAware);
    await page.getByTestId('fact-events.becameAware-zone').selectOption(FACT_ZONE);
    expect(await page.getByTestId('facts-state').textContent()).toBe('3 unsaved changes');
    await page.getByTestId('facts-note').fill('PSIRT triage call');
    await page.getByTestId('facts-save').click();
    await page.getByTestId('obligation-table').waitFor();
    await expect.poll(async () => page.getByTestId('facts-state').textContent()).toMatch(/^Saved \(\d+ changes?\)$/);

    // What the server stored is what was entered: a wall time in New York.
    const facts = (await apiCase()).facts as { product: { markets: string[] }; assessment: { risk: string }; events: { becameAware: unknown } };
    expect(facts.product.markets).toEqual(['US']);
    expect(facts.assessment.risk).toBe('uncontrolled');
    expect(facts.events.becameAware).toEqual({ at: becameAware, zone: FACT_ZONE });

    const keys = await page.getByTestId('obligation-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(keys).toEqual(expect.arrayContaining(['fda-803-5-day', 'fda-803-30-day', 'fda-post16-customer-communication', 'fda-post16-fix-distributed', 'fda-806-report']));
    // Thirty days from five weeks ago have passed: overdue, and said so.
    expect(await row('fda-post16-customer-communication').getAttribute('data-status')).toBe('overdue');
    expect(await row('fda-post16-customer-communication').getByTestId('obligation-left').textContent()).toMatch(/overdue$/);
    expect(await row('fda-post16-fix-distributed').getAttribute('data-status')).toMatch(/^(pending|due-soon)$/);
    expect(await row('fda-post16-fix-distributed').getByTestId('obligation-left').textContent()).toMatch(/left$/);

    // Due in the user's zone, the defining New York wall time underneath (end of the local day).
    const api = await apiCase();
    const fix = api.obligations.find((o) => o.key === 'fda-post16-fix-distributed')!;
    expect(await row('fda-post16-fix-distributed').getByTestId('obligation-due').textContent()).toBe(shownIn(fix.dueAt!, USER_ZONE));
    expect(await row('fda-post16-fix-distributed').getByTestId('obligation-due-defining').textContent()).toMatch(/ 23:59 (EST|EDT) · America\/New_York$/);
    // The 806 report waits for the correction: no due date, and the engine asks for that fact.
    expect(await row('fda-806-report').getByTestId('obligation-due').count()).toBe(0);
    expect(await row('fda-806-report').textContent()).toContain('No due date yet');
    await page.getByTestId('missing-fact').and(page.locator('[data-path="$.events.correctionInitiated"]')).waitFor();

    // The timeline has the change with its note.
    const aware = page.getByTestId('timeline-row').and(page.locator('[data-path="/events/becameAware"]'));
    expect(await aware.textContent()).toContain(`${becameAware.replace('T', ' ')} (${FACT_ZONE})`);
    expect(await aware.textContent()).toContain('PSIRT triage call');
  });

  it('records a later fact: the 806 report gets its due date', async () => {
    // The missing fact's link takes the keyboard to its field.
    await page.getByTestId('missing-fact').and(page.locator('[data-path="$.events.correctionInitiated"]')).getByRole('button').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fact-events.correctionInitiated');
    await page.getByTestId('fact-events.correctionInitiated').fill(correctionInitiated);
    await page.getByTestId('fact-events.correctionInitiated-zone').selectOption(FACT_ZONE);
    // Saved from the keyboard.
    await page.getByTestId('fact-events.correctionInitiated-zone').press('Control+s');

    await row('fda-806-report').getByTestId('obligation-due').waitFor();
    const report = (await apiCase()).obligations.find((o) => o.key === 'fda-806-report')!;
    expect(report.dueAt).not.toBeNull();
    // Ten working days: at least two weeks after the correction started.
    expect(Date.parse(report.dueAt!) - Date.parse(`${correctionInitiated}:00Z`)).toBeGreaterThan(13 * 86_400_000);
    expect(await row('fda-806-report').getByTestId('obligation-due').textContent()).toBe(shownIn(report.dueAt!, USER_ZONE));
    expect(await row('fda-806-report').textContent()).not.toContain('No due date yet');
    expect(await page.getByTestId('missing-fact').and(page.locator('[data-path="$.events.correctionInitiated"]')).count()).toBe(0);
    // Nothing has changed since the save, so re-evaluating now changes nothing; the trace says why.
    await page.getByTestId('case-evaluate').click();
    expect(await page.getByTestId('evaluated').textContent()).toBe('Re-evaluated: no change');
    await page.getByTestId('decision-trace').locator('summary').click();
    expect(await page.getByTestId('decision-trace').textContent()).toContain('fda-postmarket');
  });

  it('marks an obligation not applicable with a signed justification; a wrong password is refused', async () => {
    await row('fda-524b-out-of-cycle-patch').getByTestId('obligation-na').click();
    await page.getByTestId('na-dialog').waitFor();
    await page.getByTestId('na-justification').fill('BusyBox is not reachable from any network interface of the pump (design review DR-118).');
    await page.getByTestId('na-password').fill('not-my-password');
    await page.getByTestId('na-submit').click();
    expect(await page.getByTestId('na-problem').getAttribute('data-code')).toBe('SIGNATURE_INVALID');
    await page.getByTestId('na-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('na-submit').click();
    await page.getByTestId('na-dialog').waitFor({ state: 'detached' });
    await row('fda-524b-out-of-cycle-patch').waitFor({ state: 'detached' });
    await page.getByTestId('not-applicable').locator('summary').click();
    const na = page.getByTestId('na-item').and(page.locator('[data-key="fda-524b-out-of-cycle-patch"]'));
    expect(await na.textContent()).toContain('design review DR-118');
    expect(await na.textContent()).toContain(`Signed by user:${ADMIN_EMAIL}`);
  });

  it('fulfils an overdue obligation with a reference number and the document sent', async () => {
    const document = Buffer.from('%PDF-1.4\n% Customer communication, POST16 condition 2\n');
    await row('fda-post16-customer-communication').getByTestId('obligation-fulfil').click();
    await page.getByTestId('fulfil-dialog').waitFor();
    await page.getByTestId('fulfil-reference').fill('CC-2026-0042');
    await page.getByTestId('fulfil-document').setInputFiles({ name: 'customer-letter.pdf', mimeType: 'application/pdf', buffer: document });
    await page.getByTestId('fulfil-submit').click();
    await page.getByTestId('fulfil-dialog').waitFor({ state: 'detached' });

    const done = row('fda-post16-customer-communication');
    await expect.poll(async () => done.getAttribute('data-status')).toBe('fulfilled');
    expect(await done.getByTestId('obligation-status').textContent()).toBe('Fulfilled (late)');
    expect(await done.getByTestId('obligation-reference').textContent()).toBe('CC-2026-0042');
    expect(await done.getByTestId('obligation-document').textContent()).toContain('customer-letter.pdf');
    expect(await done.getByTestId('obligation-fulfil').count()).toBe(0);
    // The server kept the very bytes uploaded.
    const stored = (await apiCase()).obligations.find((o) => o.key === 'fda-post16-customer-communication')!;
    expect(stored.status).toBe('fulfilled');
    expect(stored.reference).toBe('CC-2026-0042');
    expect(stored.document).toMatchObject({ name: 'customer-letter.pdf', byteSize: document.byteLength, sha256: createHash('sha256').update(document).digest('hex') });

    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(resolve(caseScreenshot, '..'), { recursive: true });
    await page.screenshot({ path: caseScreenshot, fullPage: true });
    expect(existsSync(caseScreenshot)).toBe(true);
  });

  it("lists the case's open obligations on the deadline board, overdue ones distinct, and counts them in the navigation", async () => {
    const open = (await apiCase()).obligations.filter((o) => ['pending', 'due-soon', 'overdue'].includes(o.status));
    const overdue = open.filter((o) => o.dueAt && Date.parse(o.dueAt) < Date.now());
    expect(overdue.length).toBeGreaterThanOrEqual(1);

    await page.getByTestId('nav-deadlines').click();
    await page.getByTestId('board-table').waitFor();
    await expect.poll(async () => page.getByTestId('nav-overdue').textContent()).toBe(String(overdue.length));
    const rows = page.getByTestId('board-row').and(page.locator(`[data-case="${caseNumber}"]`));
    const keys = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-key')));
    expect([...keys].sort()).toEqual(open.map((o) => o.key).sort());
    expect(keys).not.toContain('fda-post16-customer-communication');
    expect(keys).not.toContain('fda-524b-out-of-cycle-patch');
    // Ordered by time left: overdue first, the 806 report before the fix distribution.
    expect(keys.indexOf('fda-806-report')).toBeLessThan(keys.indexOf('fda-post16-fix-distributed'));
    expect(keys.indexOf('fda-806-report')).toBeGreaterThanOrEqual(overdue.length);
    const report = rows.and(page.locator('[data-key="fda-806-report"]'));
    const reportDue = open.find((o) => o.key === 'fda-806-report')!.dueAt!;
    expect(await report.getByTestId('obligation-due').textContent()).toBe(shownIn(reportDue, USER_ZONE));
    expect(await report.getByTestId('board-case-link').textContent()).toBe(`#${caseNumber}`);
    expect(await report.textContent()).toContain('Aurora Infusion Pump');
    const firstOverdue = rows.first();
    expect(await firstOverdue.getAttribute('data-status')).toBe('overdue');
    expect(await firstOverdue.getAttribute('class')).toContain('row-overdue');

    // The overdue filter keeps only those.
    await page.getByTestId('board-filter-overdue').click();
    await expect.poll(async () => page.getByTestId('board-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-key')).sort())).toEqual(overdue.map((o) => o.key).sort());
    expect(new URL(page.url()).search).toBe('?state=overdue');
    await page.getByTestId('board-filter-open').click();
    await page.getByTestId('board-row').nth(open.length - 1).waitFor();
    mkdirSync(resolve(boardScreenshot, '..'), { recursive: true });
    await page.screenshot({ path: boardScreenshot, fullPage: true });

    // The cases list shows the nearest deadline and the counts; the row leads back to the case.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const caseRow = page.getByTestId('case-row').and(page.locator(`[data-number="${caseNumber}"]`));
    await caseRow.waitFor();
    await expect.poll(async () => caseRow.getByTestId('case-overdue').textContent()).toBe(String(overdue.length));
    expect(await caseRow.getByTestId('case-next-deadline').textContent()).toContain('Overdue');
    await caseRow.getByTestId('case-link').click();
    await page.getByTestId('case-header').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseNumber}`);
  });
});
