/**
 * Browser journey through a case's lifecycle, against the real server with the demo portfolio:
 * sign in → a case with open FDA obligations → set its severity → apply a playbook (tasks with due
 * dates by severity) → give the analyst role to the user (the triage task follows) → my tasks →
 * mark a task done, add an ad-hoc one (overdue: the navigation counts it) → link a product and a
 * finding → download the fulfilment document (same bytes, same SHA-256) → closing is refused while
 * obligations are open, and they are listed → close anyway with a reason → reopen → the
 * administrator switches the FDA postmarket pack off in the clock settings → its obligations on
 * the case become not applicable.
 *
 * A second journey runs a server whose reminder webhook (a local HTTP server) first fails: the
 * overdue escalation goes dead after one attempt, the administrator finds it on the notifications
 * page and retries it, and it is delivered once the endpoint answers.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, dateIn, findChromium, launchChromium, repoRoot, shownIn, startVigil } from './support.ts';
import type { VigilServer } from './support.ts';

const chromiumPath = findChromium('the case lifecycle journey');
const ADMIN_EMAIL = 'psirt-lead@example.com';
const ADMIN_PASSWORD = 'e2e-Lifecycle-password-1';
const USER_ZONE = 'Europe/Berlin';
const FACT_ZONE = 'America/New_York';
const lifecycleScreenshot = resolve(repoRoot, 'test-results/e2e/case-lifecycle.png');
const settingsScreenshot = resolve(repoRoot, 'test-results/e2e/clock-settings.png');



interface ApiCase {
  id: string;
  number: number;
  status: string;
  severity: string;
  openedAt: string;
  resolution: string | null;
  forcedCloseReason: string | null;
  links: Array<{ type: string; id: string }>;
  roles: Array<{ role: string; userId: string }>;
  obligations: Array<{ key: string; packId: string; status: string; naCode: string | null; dueAt: string | null }>;
  documents: Array<{ id: string; name: string; sha256: string; byteSize: number }>;
  tasks: Array<{ id: string; templateKey: string | null; title: string; status: string; dueAt: string | null; assignee: { id: string } | null; doneBy: string | null }>;
}

describe.skipIf(!chromiumPath)('browser journey: severity, playbook and tasks, roles, documents, close and reopen, clock settings', () => {
  let workDir = '';
  let server: VigilServer | null = null;
  let browser: Browser | null = null;
  let page: Page;
  let csrf = '';
  let me = '';
  let caseNumber = 0;
  const now = Date.now();
  const document = Buffer.from('%PDF-1.4\n% 806 report, correction of the Aurora pump firmware\n\u00e9\u0000\u00ff binary tail');

  const apiCase = async () => (await (await page.request.get(`${server!.baseUrl}/api/cases/${caseNumber}`)).json()) as ApiCase;
  const taskRow = (key: string) => page.getByTestId('task-row').and(page.locator(`[data-key="${key}"]`));
  const openKeys = (c: ApiCase) => c.obligations.filter((o) => ['pending', 'due-soon', 'overdue'].includes(o.status)).map((o) => o.key).sort();

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-lifecycle-'));
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
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: USER_ZONE, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workDir && !process.env.VIGIL_TEST_KEEP) rmSync(workDir, { recursive: true, force: true });
  });

  it('signs in; a case with open FDA obligations is there', async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    const session = (await (await page.request.get(`${server!.baseUrl}/api/auth/session`)).json()) as { user: { id: string; isAdmin: boolean }; csrfToken: string };
    expect(session.user.isAdmin).toBe(true);
    csrf = session.csrfToken;
    me = session.user.id;
    const opened = await page.request.post(`${server!.baseUrl}/api/cases`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        title: 'BusyBox in the Aurora pump',
        facts: {
          schemaVersion: 1,
          timeZone: FACT_ZONE,
          product: { markets: ['US'], kind: 'device', cyberDevice: false },
          assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
          events: { becameAware: { at: `${dateIn(now - 35 * 86_400_000, FACT_ZONE)}T09:00`, zone: FACT_ZONE }, correctionInitiated: { at: `${dateIn(now - 86_400_000, FACT_ZONE)}T08:00`, zone: FACT_ZONE } },
        },
      },
    });
    expect(opened.status()).toBe(201);
    caseNumber = ((await opened.json()) as ApiCase).number;
    expect(openKeys(await apiCase())).toEqual(expect.arrayContaining(['fda-806-report', 'fda-post16-fix-distributed']));
    await page.goto(`${server!.baseUrl}/cases/${caseNumber}`);
    await page.getByTestId('case-header').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('Open');
    expect(await page.getByTestId('case-severity').inputValue()).toBe('medium');
    await page.getByTestId('tasks-empty').waitFor();
  });

  it('sets the severity and applies a playbook: tasks with due dates by severity, in the user zone', async () => {
    await page.getByTestId('case-severity').selectOption('critical');
    await page.getByTestId('case-severity-saved').waitFor();
    expect((await apiCase()).severity).toBe('critical');

    expect(await page.getByTestId('playbook-select').inputValue()).toBe('vulnerability-response');
    await page.getByTestId('playbook-apply').click();
    await taskRow('triage').waitFor();
    const c = await apiCase();
    expect(c.tasks.map((t) => t.templateKey)).toEqual(['triage', 'clinical-impact', 'regulatory-assessment', 'mitigation', 'fix', 'customer-communication', 'advisory']);
    expect(await page.getByTestId('task-row').count()).toBe(7);
    // Critical: triage 24 hours and the fix 72 hours after the case was opened.
    const opened = Date.parse(c.openedAt);
    const triage = c.tasks.find((t) => t.templateKey === 'triage')!;
    expect(Date.parse(triage.dueAt!)).toBe(opened + 24 * 3_600_000);
    expect(await taskRow('triage').getByTestId('task-due').textContent()).toBe(shownIn(triage.dueAt!, USER_ZONE));
    expect(await taskRow('fix').getByTestId('task-due').textContent()).toBe(shownIn(new Date(opened + 72 * 3_600_000).toISOString(), USER_ZONE));
    expect(await taskRow('triage').getByTestId('task-left').textContent()).toMatch(/^(23h \d+m|1d 0h) left$/);
    expect(await taskRow('triage').getByTestId('task-role').textContent()).toBe('Analyst');
    expect(await taskRow('triage').getByTestId('task-assignee').inputValue()).toBe('');
    // A playbook is applied once: it is no longer offered.
    expect(await page.getByTestId('playbook-select').locator('option').allTextContents()).toEqual(['Incident response']);
  });

  it('gives the analyst role to the user: the triage task follows, and shows in my tasks', async () => {
    await page.getByTestId('role-analyst').selectOption(me);
    await expect.poll(async () => taskRow('triage').getByTestId('task-assignee').inputValue()).toBe(me);
    expect(await taskRow('clinical-impact').getByTestId('task-assignee').inputValue()).toBe('');
    const c = await apiCase();
    expect(c.roles).toEqual([{ role: 'analyst', userId: me }]);
    expect(c.tasks.find((t) => t.templateKey === 'triage')!.assignee?.id).toBe(me);

    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('my-tasks').waitFor();
    const titles = await page.getByTestId('my-task-title').allTextContents();
    expect(titles).toEqual([c.tasks.find((t) => t.templateKey === 'triage')!.title]);
    expect(await page.getByTestId('my-task-row').first().textContent()).toContain(`#${caseNumber} BusyBox in the Aurora pump`);
    expect(await page.getByTestId('my-task-row').first().textContent()).toContain('Critical');
    expect(await page.getByTestId('nav-tasks-overdue').count()).toBe(0);
    await page.getByTestId('my-task-row').first().getByRole('link').click();
    await page.getByTestId('case-header').waitFor();
  });

  it('marks a task done and adds an overdue ad-hoc task (the navigation counts it)', async () => {
    await taskRow('triage').getByTestId('task-done').click();
    await expect.poll(async () => taskRow('triage').getAttribute('data-status')).toBe('done');
    expect(await taskRow('triage').getByTestId('task-status').textContent()).toBe('Done');
    const triage = (await apiCase()).tasks.find((t) => t.templateKey === 'triage')!;
    expect(triage).toMatchObject({ status: 'done', doneBy: `user:${ADMIN_EMAIL}` });

    const yesterday = `${dateIn(now - 86_400_000, USER_ZONE)}T10:00`;
    await page.getByTestId('task-add-title').fill('Call the hospital biomed team');
    await page.getByTestId('task-add-role').selectOption('analyst');
    await page.getByTestId('task-add-due').fill(yesterday);
    await page.getByTestId('task-add-submit').click();
    const adhoc = page.getByTestId('task-row').filter({ hasText: 'Call the hospital biomed team' });
    await adhoc.waitFor();
    expect(await adhoc.getByTestId('task-left').textContent()).toMatch(/overdue$/);
    const stored = (await apiCase()).tasks.find((t) => t.title === 'Call the hospital biomed team')!;
    expect(stored.assignee?.id).toBe(me);
    expect(await adhoc.getByTestId('task-due').textContent()).toContain(yesterday.replace('T', ' '));

    // My tasks: the overdue one first (by due date), and the navigation counts it.
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('my-tasks').waitFor();
    await expect.poll(async () => page.getByTestId('my-task-title').allTextContents()).toEqual(['Call the hospital biomed team']);
    expect(await page.getByTestId('my-task-row').first().getAttribute('class')).toContain('row-overdue');
    await expect.poll(async () => ((await page.getByTestId('nav-tasks-overdue').count()) ? page.getByTestId('nav-tasks-overdue').textContent() : null)).toBe('1');
    await page.getByTestId('my-task-row').first().getByRole('link').click();
    await page.getByTestId('case-header').waitFor();
  });

  it('links a product and a finding with the pickers, and removes a link', async () => {
    const links = page.getByTestId('case-links');
    await links.getByTestId('link-product').selectOption({ label: 'Aurora Infusion Pump' });
    await links.getByTestId('link-add').click();
    await links.getByTestId('case-link').and(page.locator('[data-type="product"]')).waitFor();
    expect(await links.getByTestId('case-link').and(page.locator('[data-type="product"]')).textContent()).toContain('Aurora Infusion Pump');

    await links.getByTestId('link-type').selectOption('finding');
    await links.getByTestId('link-finding-search').fill('CVE-2022-28391');
    const option = links.getByTestId('link-finding-option').first();
    await option.waitFor();
    expect(await option.textContent()).toContain('CVE-2022-28391');
    const findingId = await option.getAttribute('data-id');
    await option.click();
    await links.getByTestId('case-link').and(page.locator(`[data-type="finding"][data-id="${findingId}"]`)).waitFor();
    expect((await apiCase()).links).toEqual(expect.arrayContaining([{ type: 'finding', id: findingId }]));

    await links.getByTestId('case-link').and(page.locator('[data-type="product"]')).getByTestId('case-link-remove').click();
    await links.getByTestId('case-link').and(page.locator('[data-type="product"]')).waitFor({ state: 'detached' });
    expect((await apiCase()).links.some((l) => l.type === 'product')).toBe(false);
  });

  it('downloads the document of a fulfilment byte for byte', async () => {
    const fulfil = await page.request.post(`${server!.baseUrl}/api/cases/${caseNumber}/obligations/fda-806-report/fulfil`, {
      headers: { 'x-csrf-token': csrf },
      data: { reference: 'Z-1234-2026', document: { name: '806-report.pdf', contentBase64: document.toString('base64') } },
    });
    expect(fulfil.status()).toBe(200);
    await page.reload();
    const sha = createHash('sha256').update(document).digest('hex');
    const row = page.getByTestId('document-row').filter({ hasText: '806-report.pdf' });
    await row.waitFor();
    expect(await row.getByTestId('document-sha256').textContent()).toBe(sha);
    expect(await row.textContent()).toContain('fda-806-report');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('document-download').click()]);
    expect(download.suggestedFilename()).toBe('806-report.pdf');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.equals(document)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    mkdirSync(resolve(lifecycleScreenshot, '..'), { recursive: true });
    await page.screenshot({ path: lifecycleScreenshot, fullPage: true });
    expect(existsSync(lifecycleScreenshot)).toBe(true);
  });

  it('refuses to close while obligations are open and lists them; closes anyway with a reason; reopens', async () => {
    const open = openKeys(await apiCase());
    expect(open.length).toBeGreaterThan(0);
    await page.getByTestId('case-close').click();
    await page.getByTestId('close-dialog').waitFor();
    await page.getByTestId('close-resolution').fill('Firmware 3.4.3 removes the vulnerable BusyBox applets.');
    await page.getByTestId('close-submit').click();
    await page.getByTestId('close-blocked').waitFor();
    const listed = await page.getByTestId('close-blocking').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect([...listed].sort()).toEqual(open);
    expect((await apiCase()).status).toBe('open');
    expect(await page.getByTestId('close-force').isDisabled()).toBe(true);

    await page.getByTestId('close-reason').fill('The remaining reports are filed by the US subsidiary (ticket REG-77).');
    await page.getByTestId('close-force').click();
    await page.getByTestId('close-dialog').waitFor({ state: 'detached' });
    await expect.poll(async () => page.getByTestId('case-status').textContent()).toBe('Closed');
    expect(await page.getByTestId('case-resolution').textContent()).toBe('Firmware 3.4.3 removes the vulnerable BusyBox applets.');
    expect(await page.getByTestId('case-forced-reason').textContent()).toContain('ticket REG-77');
    const closed = await apiCase();
    expect(closed).toMatchObject({ status: 'closed', resolution: 'Firmware 3.4.3 removes the vulnerable BusyBox applets.', forcedCloseReason: 'The remaining reports are filed by the US subsidiary (ticket REG-77).' });
    // A closed case takes no new tasks: the forms are gone.
    expect(await page.getByTestId('task-add').count()).toBe(0);

    await page.getByTestId('case-reopen').click();
    await page.getByTestId('reopen-reason').fill('The FDA asked for the 806 amendment');
    await page.getByTestId('reopen-submit').click();
    await expect.poll(async () => page.getByTestId('case-status').textContent()).toBe('Open');
    expect((await apiCase()).status).toBe('open');
    await page.getByTestId('case-close').waitFor();

    // The cases list shows the severity.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const caseRow = page.getByTestId('case-row').and(page.locator(`[data-number="${caseNumber}"]`));
    await caseRow.waitFor();
    expect(await caseRow.getByTestId('case-row-severity').textContent()).toBe('Critical');
    await caseRow.getByTestId('case-link').click();
    await page.getByTestId('case-header').waitFor();
  });

  it('switches the FDA postmarket pack off in the clock settings: the case obligations follow', async () => {
    const before = await apiCase();
    const fdaOpen = before.obligations.filter((o) => o.packId === 'fda-postmarket' && ['pending', 'due-soon', 'overdue'].includes(o.status)).map((o) => o.key);
    expect(fdaOpen.length).toBeGreaterThan(0);

    await page.getByTestId('user-menu').click();
    expect(await page.getByTestId('menu-settings').textContent()).toBe('Clock settings');
    await page.getByTestId('menu-settings').click();
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByTestId('settings-readonly').count()).toBe(0);
    const pack = page.getByTestId('pack-fda-postmarket');
    await pack.waitFor();
    expect(await pack.inputValue()).toBe('default');
    // Every pack the engine knows is listed from its catalogue, CIRCIA off by default with the reason.
    expect(await page.locator('[data-testid="settings-pack"][data-id="us-circia"] [data-testid="pack-disabled-reason"]').textContent()).toContain('final rule');
    expect(await page.getByTestId('pack-us-circia').locator('option[value="default"]').textContent()).toBe('Default (off)');

    // A bad value is refused by the server with its path; nothing is stored.
    await page.getByTestId('set-playbooks').fill('{ "vulnerability-response": { "tasks": { "triage": { "due": { "critical": "soon" } } } } }');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-problem').waitFor();
    expect(await page.getByTestId('settings-problem').getAttribute('data-code')).toBe('CLOCK_SETTINGS_INVALID');
    expect(await page.getByTestId('settings-problem').textContent()).toContain('triage');
    await page.getByTestId('set-playbooks').fill('');

    await pack.selectOption('off');
    await page.getByTestId('settings-reason').fill('FDA reporting is run by the US entity');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-saved').textContent()).toContain(`#${caseNumber}`);
    await page.screenshot({ path: settingsScreenshot, fullPage: true });
    const settings = (await (await page.request.get(`${server!.baseUrl}/api/settings/clocks`)).json()) as { document: unknown };
    expect(settings.document).toEqual({ packs: { 'fda-postmarket': { enabled: false } } });

    const after = await apiCase();
    for (const key of fdaOpen) expect(after.obligations.find((o) => o.key === key)).toMatchObject({ status: 'not-applicable', naCode: 'disabled' });
    await page.goto(`${server!.baseUrl}/cases/${caseNumber}`);
    await page.getByTestId('case-header').waitFor();
    const shown = await page.getByTestId('obligation-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    for (const key of fdaOpen) expect(shown).not.toContain(key);
    // The fulfilled 806 report stays fulfilled.
    expect(after.obligations.find((o) => o.key === 'fda-806-report')!.status).toBe('fulfilled');
  });

  it('creates an account for a colleague, whose one-time password signs in once shown', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-form').waitFor();
    await page.getByTestId('user-email').fill('clinical.lead@example.com');
    await page.getByTestId('user-name').fill('Dr. Clinical Lead');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-created').waitFor();
    const oneTime = (await page.getByTestId('user-one-time-password').textContent())!;
    expect(oneTime.length).toBeGreaterThanOrEqual(16);
    await page.locator('[data-testid="user-row"][data-email="clinical.lead@example.com"]').waitFor();
    // The same e-mail again is refused with its code, nothing created twice.
    await page.getByTestId('user-email').fill('Clinical.Lead@example.com');
    await page.getByTestId('user-name').fill('Twice');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-problem').waitFor();
    expect(await page.getByTestId('user-problem').getAttribute('data-code')).toBe('USER_EXISTS');
    expect(await page.locator('[data-testid="user-row"][data-email="clinical.lead@example.com"]').count()).toBe(1);
    const login = await fetch(`${server!.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'clinical.lead@example.com', password: oneTime }) });
    expect(login.status).toBe(200);
  });
});

describe.skipIf(!chromiumPath)('browser journey: the notification outbox, a dead webhook delivery retried', () => {
  let workDir = '';
  let server: VigilServer | null = null;
  let hook: Server | null = null;
  let browser: Browser | null = null;
  let page: Page;
  let accept = false;
  const received: Array<{ status: number; event: string | undefined; body: string }> = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const status = accept ? 204 : 503;
        received.push({ status, event: req.headers['x-vigil-event'] as string | undefined, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hook!.listen(0, '127.0.0.1', () => r()));
    const port = (hook.address() as { port: number }).port;
    workDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-outbox-'));
    const webDir = join(workDir, 'web');
    buildWeb(webDir);
    server = await startVigil({
      VIGIL_DATA_DIR: join(workDir, 'data'),
      VIGIL_WEB_DIR: webDir,
      VIGIL_ADMIN_EMAIL: ADMIN_EMAIL,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIL_WEBHOOK_URL: `http://127.0.0.1:${port}/vigil`,
      VIGIL_NOTIFY_MAX_ATTEMPTS: '1',
      VIGIL_NOTIFY_CRON: '* * * * *',
    });
    browser = await launchChromium(chromiumPath!);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: USER_ZONE });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
    if (workDir && !process.env.VIGIL_TEST_KEEP) rmSync(workDir, { recursive: true, force: true });
  });

  it('lists the dead escalation, retries it, and it is delivered', async () => {
    await page.goto(`${server!.baseUrl}/`);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    const { csrfToken } = (await (await page.request.get(`${server!.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
    // US device, aware five weeks ago, risk uncontrolled: the customer communication (30 days) is overdue.
    const opened = await page.request.post(`${server!.baseUrl}/api/cases`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        title: 'Overdue customer communication',
        facts: {
          schemaVersion: 1,
          timeZone: FACT_ZONE,
          product: { markets: ['US'], kind: 'device', cyberDevice: false },
          assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
          events: { becameAware: { at: `${dateIn(Date.now() - 35 * 86_400_000, FACT_ZONE)}T09:00`, zone: FACT_ZONE } },
        },
      },
    });
    expect(opened.status()).toBe(201);
    const caseNumber = ((await opened.json()) as { number: number }).number;

    // The scan runs every minute; one failed attempt makes the message dead.
    await expect.poll(async () => received.length, { timeout: 150_000, interval: 2000 }).toBeGreaterThan(0);
    expect(received[0]!.status).toBe(503);
    expect(['obligation.reminder', 'obligation.overdue']).toContain(received[0]!.event);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ data: { case: { number: caseNumber } } });

    type Outbox = { items: Array<{ id: string; state: string; subject: string; lastError: string | null }> };
    const deadItems = async () => ((await (await page.request.get(`${server!.baseUrl}/api/notifications?state=dead`)).json()) as Outbox).items;
    await expect.poll(async () => (await deadItems()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const stored = (await deadItems())[0]!;
    expect(stored.lastError).toContain('503');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-notifications').click();
    await page.getByTestId('notifications').waitFor();
    await page.getByTestId('notifications-filter-dead').click();
    expect(new URL(page.url()).search).toBe('?state=dead');
    const row = page.getByTestId('notification-row').and(page.locator(`[data-id="${stored.id}"]`));
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('dead');
    expect(await row.textContent()).toContain(stored.subject);
    expect(await row.textContent()).toContain('Webhook');
    expect(await row.textContent()).toContain('503');
    expect(await row.getByRole('link').textContent()).toBe(`#${caseNumber} Overdue customer communication`);
    const id = stored.id;

    accept = true;
    await row.getByTestId('notification-retry').click();
    const retried = page.getByTestId('notification-row').and(page.locator(`[data-id="${id}"]`));
    await expect.poll(async () => retried.getAttribute('data-state')).toBe('pending');
    expect(await retried.getByTestId('notification-retry').count()).toBe(0);

    // Delivered on the next run of the worker.
    await expect.poll(async () => received.some((r) => r.status === 204), { timeout: 150_000, interval: 2000 }).toBe(true);
    await page.getByTestId('notifications-filter-delivered').click();
    await page.getByTestId('notification-row').and(page.locator(`[data-id="${id}"][data-state="delivered"]`)).waitFor({ timeout: 30_000 });
  }, 330_000);
});
