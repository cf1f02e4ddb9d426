/**
 * Shared setup of the browser journeys: Chromium discovery, a fresh web build, a throw-away
 * `vigil serve` (embedded database in a temp folder, free port) and its shutdown.
 */
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');

const chromiumCandidates = [process.env.VIGIL_CHROMIUM, '/usr/bin/chromium'].filter((p): p is string => !!p);

/** Chromium's path, or null (the journey is skipped) — except in CI (CI=true), where a missing Chromium fails. */
export function findChromium(journey: string): string | null {
  const found = chromiumCandidates.find((p) => existsSync(p)) ?? null;
  if (!found) {
    const message = `no Chromium found (looked at ${chromiumCandidates.join(', ')}); set VIGIL_CHROMIUM to run the browser journey`;
    if (process.env.CI) throw new Error(message);
    process.stderr.write(`[e2e] skipping ${journey}: ${message}\n`);
  }
  return found;
}

/** The parent environment without Vigil configuration: a developer's DATABASE_URL or config file must not leak into the throw-away server. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VIGIL_') && name !== 'DATABASE_URL'));
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vigil serve exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vigil serve did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/** Builds the current web sources into `outDir`, so a journey never runs against a stale dist/web. */
export function buildWeb(outDir: string): void {
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(repoRoot, 'src/web/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
}

export interface VigilServer {
  baseUrl: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts `node bin/vigil serve` on a free port with the given extra environment; resolves once healthy. */
export async function startVigil(env: Record<string, string>, timeoutMs = 120_000): Promise<VigilServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let serverLog = '';
  const server = spawn(process.execPath, [join(repoRoot, 'bin/vigil'), 'serve'], {
    cwd: repoRoot,
    env: { ...inheritedEnv(), VIGIL_PORT: String(port), VIGIL_HOST: 'localhost', VIGIL_LOG_LEVEL: 'warn', VIGIL_FEED_SYNC: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  const log = () => serverLog;
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise<void>((r) => server.once('exit', () => r()));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(baseUrl, server, log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, log, stop };
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateIn(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** "2026-12-15 05:59 GMT+1", written independently of the web app's helpers. */
export function shownIn(iso: string, zone: string): string {
  const d = new Date(iso);
  const wall = d.toLocaleString('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')!.value;
  return `${wall} ${name}`;
}
