/** Commands of the foundation: serve, config, db, products, releases, SBOMs, components, audit, tokens. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createApiToken, createUser, listUsers } from '../../app/accounts.ts';
import { verifyAuditTrail } from '../../app/audit.ts';
import { runSbomImport, submitSbom } from '../../app/import-sbom.ts';
import { createProduct, createRelease, listProducts, listReleases, resolveRelease } from '../../app/inventory.ts';
import { describeConfig, redactConfig } from '../../config/config.ts';
import { isVigilError, VigilError } from '../../domain/errors.ts';
import { isCyberDevice, type ProductInput } from '../../domain/inventory/product.ts';
import { migrate } from '../../store/migrate.ts';
import { openDb } from '../../store/db.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { cliActor, configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

function printError(io: CliIo, err: VigilError): void {
  io.stderr.write(`error ${err.code}: ${err.message}\n`);
  const errors = (err.details as { errors?: Array<{ path: string; message: string }>; more?: number }).errors;
  if (errors) {
    for (const e of errors) io.stderr.write(`  ${e.path}: ${e.message}\n`);
  }
}

/** Input problems (bad document, unknown product) exit 2; the rest is a failure (3). */
async function guarded(io: CliIo, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (isVigilError(err)) {
      printError(io, err);
      return err.code === 'DATABASE_LOCKED' || err.code === 'MIGRATION_CHANGED' ? EXIT.FAILURE : EXIT.USAGE;
    }
    throw err;
  }
}

const serve: Command = {
  path: ['serve'],
  summary: 'Run Vigil (web app, API, job workers) — embedded database unless DATABASE_URL is set',
  help: `Usage: vigil serve [--roles api,worker,scheduler] [--port N] [--host H] [database options]

Runs the web app and API on http://localhost:8080 (VIGIL_PORT) with job workers in-process.
With a PostgreSQL server (DATABASE_URL) you may split roles over processes, e.g.
  vigil serve --roles api              # HTTP only
  vigil serve --roles worker           # background jobs only (run as many as you like)
On an empty database, creates the administrator (VIGIL_ADMIN_EMAIL / VIGIL_ADMIN_PASSWORD, or a
one-time password printed once) and loads the demo portfolio (VIGIL_DEMO=false to skip).

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, roles: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } }, false);
    const config = configFrom(io, values, { roles: values.roles, port: values.port, host: values.host });
    const { serve: start } = await import('../../server/serve.ts');
    const handle = await start(config, { log: (m) => io.stderr.write(`vigil: ${m}\n`) });
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.stderr.write('vigil: stopping…\n');
        void handle.stop().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT.OK;
  },
};

const config: Command = {
  path: ['config'],
  summary: 'Show the effective configuration (secrets masked); --help lists every key',
  help: `Usage: vigil config [--config FILE] [--json]

Prints the configuration Vigil would run with, after defaults, the config file and the
environment, with secrets masked. Exits 2 when a key is unknown or a value is invalid.

${describeConfig()}`,
  async run(args, io) {
    const { values } = parse(args, { config: dbOptions.config, json: dbOptions.json }, false);
    try {
      const cfg = redactConfig(configFrom(io, values));
      if (values.json) writeJson(io, cfg);
      else for (const [k, v] of Object.entries(cfg)) io.stdout.write(`${k.padEnd(18)} ${Array.isArray(v) ? v.join(',') : String(v)}\n`);
      return EXIT.OK;
    } catch (err) {
      if (isVigilError(err)) {
        printError(io, err);
        return EXIT.USAGE;
      }
      throw err;
    }
  },
};

const dbMigrate: Command = {
  path: ['db', 'migrate'],
  summary: 'Apply pending database migrations',
  help: `Usage: vigil db migrate [database options] [--json]\n\nApplies forward-only migrations (also done at every start).\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, dbOptions, false);
    const cfg = configFrom(io, values);
    return guarded(io, async () => {
      const { mkdirSync } = await import('node:fs');
      if (!cfg.databaseUrl) mkdirSync(cfg.dataDir, { recursive: true });
      const db = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      try {
        const applied = await migrate(db);
        if (values.json) writeJson(io, { applied });
        else io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await db.close();
      }
      return EXIT.OK;
    });
  },
};

const productCreate: Command = {
  path: ['product', 'create'],
  summary: 'Register a product (device or software product)',
  help: `Usage: vigil product create --name NAME --manufacturer M [options] [database options] [--json]

Options:
  --slug SLUG              identifier used by other commands (default: from the name)
  --model MODEL
  --class I|II|III         FDA device class
  --pathway P              510k | de-novo | pma | hde | exempt
  --cyber-device           all three §524B criteria hold (software, internet, vulnerable)
  --market CODE            market (US, EU, …); repeat for several
  --service-life YEARS     expected service life
  --intended-use TEXT
  --reason TEXT            kept in the audit trail

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, {
      ...dbOptions,
      name: { type: 'string' },
      manufacturer: { type: 'string' },
      slug: { type: 'string' },
      model: { type: 'string' },
      class: { type: 'string' },
      pathway: { type: 'string' },
      'cyber-device': { type: 'boolean', default: false },
      market: { type: 'string', multiple: true },
      'service-life': { type: 'string' },
      'intended-use': { type: 'string' },
      reason: { type: 'string' },
    }, false);
    if (!values.name || !values.manufacturer) throw new UsageError('--name and --manufacturer are required');
    const life = values['service-life'];
    if (life !== undefined && !/^\d+$/.test(life)) throw new UsageError(`--service-life must be a whole number of years, got '${life}'`);
    const cyber = values['cyber-device'];
    const input: ProductInput = {
      name: values.name,
      manufacturer: values.manufacturer,
      slug: values.slug ?? null,
      model: values.model ?? null,
      deviceClass: (values.class as ProductInput['deviceClass']) ?? null,
      regulatoryPathway: (values.pathway as ProductInput['regulatoryPathway']) ?? null,
      cyberDeviceCriteria: { includesSoftware: cyber, connectsToInternet: cyber, vulnerableCharacteristics: cyber },
      markets: values.market ?? [],
      serviceLifeYears: life === undefined ? null : Number(life),
      intendedUse: values['intended-use'] ?? null,
    };
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const p = await createProduct(rt, cliActor(io), input, values.reason);
      if (values.json) writeJson(io, { ...p, cyberDevice: isCyberDevice(p.cyberDeviceCriteria) });
      else io.stdout.write(`created product ${p.slug} (${p.id})\n`);
      return EXIT.OK;
    }));
  },
};

const productList: Command = {
  path: ['product', 'list'],
  summary: 'List products',
  help: `Usage: vigil product list [database options] [--json]\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, dbOptions, false);
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const items = (await listProducts(rt)).map((p) => ({ ...p, cyberDevice: isCyberDevice(p.cyberDeviceCriteria) }));
      if (values.json) writeJson(io, { items });
      else io.stdout.write(table(items, [['slug', 'SLUG'], ['name', 'NAME'], ['deviceClass', 'CLASS'], ['regulatoryPathway', 'PATHWAY'], ['cyberDevice', 'CYBER'], ['markets', 'MARKETS'], ['releaseCount', 'RELEASES'], ['componentCount', 'COMPONENTS']]));
      return EXIT.OK;
    }));
  },
};

const releaseCreate: Command = {
  path: ['release', 'create'],
  summary: 'Add a release to a product',
  help: `Usage: vigil release create --product P --version V [--variant L] [--date YYYY-MM-DD]
                            [--status S] [--end-of-support YYYY-MM-DD] [--reason TEXT] [--json]

  --product P    product slug or id
  --status S     in-development | supported (default) | limited | end-of-support

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, {
      ...dbOptions,
      product: { type: 'string' },
      version: { type: 'string' },
      variant: { type: 'string' },
      date: { type: 'string' },
      status: { type: 'string' },
      'end-of-support': { type: 'string' },
      reason: { type: 'string' },
    }, false);
    if (!values.product || !values.version) throw new UsageError('--product and --version are required');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const r = await createRelease(rt, cliActor(io), values.product!, {
        version: values.version!,
        variant: values.variant ?? null,
        releaseDate: values.date ?? null,
        ...(values.status ? { supportStatus: values.status as never } : {}),
        endOfSupport: values['end-of-support'] ?? null,
      }, values.reason);
      if (values.json) writeJson(io, r);
      else io.stdout.write(`created release ${r.version}${r.variant ? ` (${r.variant})` : ''} (${r.id})\n`);
      return EXIT.OK;
    }));
  },
};

const releaseList: Command = {
  path: ['release', 'list'],
  summary: "List a product's releases",
  help: `Usage: vigil release list --product P [database options] [--json]\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, product: { type: 'string' } }, false);
    if (!values.product) throw new UsageError('--product is required');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const items = await listReleases(rt, values.product!);
      if (values.json) writeJson(io, { items });
      else io.stdout.write(table(items, [['version', 'VERSION'], ['variant', 'VARIANT'], ['releaseDate', 'RELEASED'], ['supportStatus', 'SUPPORT'], ['endOfSupport', 'END OF SUPPORT'], ['sbomCount', 'SBOMS'], ['componentCount', 'COMPONENTS'], ['id', 'ID']]));
      return EXIT.OK;
    }));
  },
};

const releaseOptions = { product: { type: 'string' }, release: { type: 'string' }, variant: { type: 'string' } } as const;

const sbomImport: Command = {
  path: ['sbom', 'import'],
  summary: 'Import an SBOM file into a release (local database)',
  help: `Usage: vigil sbom import --product P --release R [--variant L] [--label L] FILE [database options] [--json]

Validates FILE (CycloneDX JSON 1.4–1.7) against the official schema, stores it byte for byte and
imports its components. On a validation error nothing is written and each problem is printed with
its JSON path (exit 2). Importing the same file again is a no-op. A killed import is finished by
the next run of this command or the next start of the server.

  --label L      firmware | operating-system | application (default) | other

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, ...releaseOptions, label: { type: 'string', default: 'application' } });
    if (!values.product || !values.release || positionals.length !== 1) throw new UsageError('--product, --release and one FILE are required');
    const file = positionals[0]!;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const release = await resolveRelease(rt, values.product!, values.release!, values.variant ?? null);
      const { sbom, duplicate } = await submitSbom(rt.importDeps, cliActor(io), { releaseId: release.id, label: values.label!, filename: basename(file), bytes, enqueue: false });
      let last = 0;
      const done = await runSbomImport(rt.importDeps, sbom.id, (n, total) => {
        if (n === total || n - last >= 5000) {
          io.stderr.write(`importing: ${n}/${total} components\n`);
          last = n;
        }
      });
      if (values.json) writeJson(io, { sbom: done, duplicate });
      else io.stdout.write(`${duplicate ? 'already imported' : 'imported'}: ${done.componentCount} components from ${done.filename} (CycloneDX ${done.specVersion}) into ${values.product} ${release.version} as ${done.label} (SBOM ${done.id})\n`);
      return EXIT.OK;
    }));
  },
};

const sbomUpload: Command = {
  path: ['sbom', 'upload'],
  summary: 'Upload an SBOM to a Vigil server (for build pipelines)',
  help: `Usage: vigil sbom upload --url URL --token TOKEN --product P --release R [--variant L] [--label L] [--wait] FILE [--json]

Sends FILE to the server's API with an API token (or VIGIL_TOKEN in the environment... use --token).
With --wait, follows the import job until it finishes. Exit codes: 0 accepted (imported with
--wait), 2 rejected document or unknown product/release, 3 server or network failure.`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      json: dbOptions.json,
      ...releaseOptions,
      url: { type: 'string' },
      token: { type: 'string' },
      label: { type: 'string', default: 'application' },
      wait: { type: 'boolean', default: false },
    });
    if (!values.url || !values.token || !values.product || !values.release || positionals.length !== 1) throw new UsageError('--url, --token, --product, --release and one FILE are required');
    const file = positionals[0]!;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const base = values.url.replace(/\/+$/, '');
    const headers = { authorization: `Bearer ${values.token}` };
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: res.status, body: body as Record<string, unknown> };
    };
    const fail = (res: { status: number; body: Record<string, unknown> }) => {
      const b = res.body ?? {};
      io.stderr.write(`error ${String(b.code ?? res.status)}: ${String(b.detail ?? b.title ?? 'request failed')}\n`);
      for (const e of (b.errors as Array<{ path: string; message: string }> | undefined) ?? []) io.stderr.write(`  ${e.path}: ${e.message}\n`);
      return res.status >= 500 ? EXIT.FAILURE : EXIT.USAGE;
    };
    try {
      const product = encodeURIComponent(values.product);
      const rel = await call(`/api/products/${product}/releases`);
      if (rel.status !== 200) return fail(rel);
      const release = (rel.body.items as Array<{ id: string; version: string; variant: string | null }>).find(
        (r) => (r.version === values.release && (r.variant ?? null) === (values.variant ?? null)) || r.id === values.release,
      );
      if (!release) {
        io.stderr.write(`error RELEASE_NOT_FOUND: ${values.product} has no release '${values.release}'\n`);
        return EXIT.USAGE;
      }
      const up = await call(`/api/releases/${release.id}/sboms?label=${encodeURIComponent(values.label!)}&filename=${encodeURIComponent(basename(file))}`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { 'content-type': 'application/octet-stream' },
      });
      if (up.status !== 202 && up.status !== 200) return fail(up);
      let sbom = up.body.sbom as { id: string; status: string; componentCount: number; error: string | null };
      if (values.wait) {
        const deadline = Date.now() + 30 * 60_000;
        while (sbom.status === 'processing' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          const s = await call(`/api/sboms/${sbom.id}`);
          if (s.status !== 200) return fail(s);
          sbom = s.body as typeof sbom;
        }
        if (sbom.status === 'failed') {
          io.stderr.write(`error SBOM_IMPORT_FAILED: ${sbom.error ?? 'import failed'}\n`);
          return EXIT.FAILURE;
        }
      }
      if (values.json) writeJson(io, { sbom, duplicate: up.body.duplicate });
      else io.stdout.write(`${up.body.duplicate ? 'already uploaded' : sbom.status === 'imported' ? 'imported' : 'accepted'}: SBOM ${sbom.id}, ${sbom.componentCount} components (${sbom.status})\n`);
      return EXIT.OK;
    } catch (err) {
      io.stderr.write(`error: cannot reach ${base}: ${(err as Error).message}\n`);
      return EXIT.FAILURE;
    }
  },
};

const componentsList: Command = {
  path: ['components', 'list'],
  summary: "List a release's components",
  help: `Usage: vigil components list --product P --release R [--variant L] [--search TEXT]
                             [--sort name|version|type|supplier|purl|license] [--desc] [--limit N] [--json]

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, {
      ...dbOptions,
      ...releaseOptions,
      search: { type: 'string' },
      sort: { type: 'string', default: 'name' },
      desc: { type: 'boolean', default: false },
      limit: { type: 'string' },
    }, false);
    if (!values.product || !values.release) throw new UsageError('--product and --release are required');
    const sorts = ['name', 'version', 'type', 'supplier', 'purl', 'license'];
    if (!sorts.includes(values.sort!)) throw new UsageError(`--sort must be one of ${sorts.join(', ')}`);
    const limit = values.limit === undefined ? 1_000_000 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer`);
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const release = await resolveRelease(rt, values.product!, values.release!, values.variant ?? null);
      const page = await rt.uow.read((s) => s.components.query({ releaseId: release.id, sort: values.sort as 'name', order: values.desc ? 'desc' : 'asc', offset: 0, limit, ...(values.search ? { q: values.search } : {}) }));
      if (values.json) writeJson(io, page);
      else {
        io.stdout.write(table(page.items, [['name', 'NAME'], ['version', 'VERSION'], ['type', 'TYPE'], ['supplier', 'SUPPLIER'], ['licenses', 'LICENSES'], ['purl', 'PURL'], ['sbomLabel', 'SBOM']]));
        io.stdout.write(`${page.items.length} of ${page.total} components\n`);
      }
      return EXIT.OK;
    }));
  },
};

const auditVerify: Command = {
  path: ['audit', 'verify'],
  summary: 'Recompute the audit hash chain and report the first broken link',
  help: `Usage: vigil audit verify [database options] [--json]

Exit codes: 0 the chain is intact, 1 a link is broken (the first is reported), 3 failure.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, dbOptions, false);
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const r = await verifyAuditTrail(rt);
      if (values.json) writeJson(io, r);
      else if (r.ok) io.stdout.write(`audit trail intact: ${r.checked} events, head ${r.head}\n`);
      else io.stdout.write(`audit trail BROKEN at event #${r.broken!.seq}: ${r.broken!.message} (${r.checked} events before it verified)\n`);
      return r.ok ? EXIT.OK : EXIT.FINDINGS;
    }));
  },
};

const tokenCreate: Command = {
  path: ['token', 'create'],
  summary: 'Create an API token for a user (local database); printed once',
  help: `Usage: vigil token create --user EMAIL --name NAME [--expires-in-days N] [database options] [--json]\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, user: { type: 'string' }, name: { type: 'string' }, 'expires-in-days': { type: 'string' } }, false);
    if (!values.user || !values.name) throw new UsageError('--user and --name are required');
    const days = values['expires-in-days'] === undefined ? null : Number(values['expires-in-days']);
    if (days !== null && (!Number.isInteger(days) || days < 1)) throw new UsageError('--expires-in-days must be a positive integer');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const user = await rt.uow.read((s) => s.users.findByEmail(values.user!));
      if (!user) throw new VigilError('NOT_FOUND', `no user '${values.user}'`);
      const { token, record } = await createApiToken(rt, cliActor(io), user.id, values.name!, days);
      if (values.json) writeJson(io, { token, apiToken: record });
      else io.stdout.write(`${token}\n`);
      return EXIT.OK;
    }));
  },
};

const userCreate: Command = {
  path: ['user', 'create'],
  summary: 'Create an account (local database); its one-time password is printed once',
  help: `Usage: vigil user create --email EMAIL --name NAME [--admin] [database options] [--json]

Creates an account for a member of the product security team (who can then hold PSIRT roles and
tasks on cases). Prints a one-time password, shown once; it must be changed at first sign-in.
--admin makes the account an administrator (organisation settings, accounts, notifications).

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean', default: false } }, false);
    if (!values.email || !values.name) throw new UsageError('--email and --name are required');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const { user, oneTimePassword } = await createUser(rt, cliActor(io), { email: values.email!, displayName: values.name!, isAdmin: Boolean(values.admin) });
      if (values.json) writeJson(io, { user, oneTimePassword });
      else io.stdout.write(`Created ${user.email}${user.isAdmin ? ' (administrator)' : ''}. One-time password (shown once, change it at first sign-in): ${oneTimePassword}\n`);
      return EXIT.OK;
    }));
  },
};

const userList: Command = {
  path: ['user', 'list'],
  summary: 'List the active accounts (local database)',
  help: `Usage: vigil user list [database options] [--json]\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions }, false);
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const users = await listUsers(rt);
      if (values.json) writeJson(io, { items: users });
      else io.stdout.write(users.length ? table(users.map((u) => ({ email: u.email, name: u.displayName, admin: u.isAdmin ? 'yes' : '' })), [['email', 'E-MAIL'], ['name', 'NAME'], ['admin', 'ADMIN']]) : 'No users.\n');
      return EXIT.OK;
    }));
  },
};

export const foundationCommands: readonly Command[] = [serve, config, dbMigrate, productCreate, productList, releaseCreate, releaseList, sbomImport, sbomUpload, componentsList, auditVerify, tokenCreate, userCreate, userList];
