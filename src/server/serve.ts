/**
 * `vigil serve`: the process that runs any set of roles. Embedded mode (PGlite) runs them all in
 * one process; with DATABASE_URL, API and worker processes can be started separately.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAdmin } from '../app/accounts.ts';
import { seedDemoPortfolio, type DemoProductSpec } from '../app/demo.ts';
import type { VigilConfig } from '../config/config.ts';
import { openRuntime, type Runtime } from '../runtime/runtime.ts';
import { resumeUnfinishedImports, scheduleFeeds, scheduleNotifications, startWorkers } from '../runtime/jobs.ts';
import { importFeedFiles } from '../runtime/feed-files.ts';
import { buildApp } from './app.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeHandle {
  url: string | null;
  runtime: Runtime;
  stop(): Promise<void>;
}

export interface ServeIo {
  log(msg: string): void;
}

/** Builds the web app with Vite when it is missing (first `npm start`). */
export function ensureWebBuilt(config: VigilConfig, io: ServeIo): void {
  if (existsSync(join(config.webDir, 'index.html'))) return;
  const viteConfig = join(repoRoot, 'src/web/vite.config.ts');
  if (!existsSync(viteConfig)) {
    io.log('web app sources not found; serving the API only');
    return;
  }
  io.log('building the web app (first start)…');
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', viteConfig, '--outDir', config.webDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function serve(config: VigilConfig, io: ServeIo): Promise<ServeHandle> {
  const embedded = !config.databaseUrl;
  const roles = new Set(embedded ? ['api', 'worker', 'scheduler'] : config.roles);
  if (roles.has('api')) ensureWebBuilt(config, io);
  const rt = await openRuntime(config, { queue: true, queueMaintenance: roles.has('scheduler') });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    io.log(`database: ${embedded ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server'}; roles: ${[...roles].join(', ')}`);
    const admin = await ensureAdmin(rt, { email: config.adminEmail, password: config.adminPassword });
    if (admin.created) {
      io.log(`created the administrator ${config.adminEmail}`);
      if (admin.oneTimePassword) io.log(`one-time password (shown once, change it after signing in): ${admin.oneTimePassword}`);
    }
    if (config.demo) {
      const { demoPortfolio } = (await import('../demo/portfolio.ts')) as { demoPortfolio: DemoProductSpec[] };
      const sbomDir = join(repoRoot, 'src/demo/sboms');
      const seeded = await seedDemoPortfolio(rt.importDeps, demoPortfolio, (name) => readFileSync(join(sbomDir, name)));
      if (seeded) {
        io.log(`loaded the demo portfolio: ${seeded.products} products, ${seeded.releases} releases, ${seeded.sboms} SBOMs, ${seeded.components} components`);
        const intelligence = join(repoRoot, 'src/demo/intelligence');
        if (existsSync(intelligence)) {
          const files = await importFeedFiles(rt, intelligence);
          const advisories = files.reduce((n, f) => n + (f.counts?.inserted ?? 0), 0);
          const kev = files.reduce((n, f) => n + (f.counts?.kev ?? 0), 0);
          io.log(`loaded the demo intelligence: ${advisories} advisories, ${kev} KEV entries`);
        }
      }
    }
    if (roles.has('worker')) {
      if (embedded) await resumeUnfinishedImports(rt, io.log);
      await startWorkers(rt, io.log);
    }
    if (roles.has('scheduler')) {
      await scheduleFeeds(rt, io.log);
      await scheduleNotifications(rt, io.log);
    }
    let url: string | null = null;
    if (roles.has('api')) {
      app = await buildApp(rt, { logger: config.logLevel === 'silent' ? false : { level: config.logLevel } });
      const address = await app.listen({ port: config.port, host: config.host });
      url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
      io.log(`Vigil is running at ${url} (API docs: ${url}/api/docs)`);
    }
    return {
      url,
      runtime: rt,
      async stop() {
        if (app) await app.close();
        await rt.close();
      },
    };
  } catch (err) {
    if (app) await app.close().catch(() => undefined);
    await rt.close().catch(() => undefined);
    throw err;
  }
}
