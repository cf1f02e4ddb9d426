/** `vigil feeds sync|import|export`: fill the intelligence store online, from files, or from a bundle. */
import { statSync } from 'node:fs';
import { exportFeedBundle, importFeedBundle } from '../../app/feed-bundle.ts';
import { runSync } from '../../app/ingest-advisories.ts';
import { isVigilError } from '../../domain/errors.ts';
import { feedBatches, feedNames, isFeedName, type FeedName } from '../../runtime/feeds.ts';
import { fileHead, importFeedFiles } from '../../runtime/feed-files.ts';
import { createBundleWriter, loadSigningKey, loadTrustedKeys, openBundleReader } from '../../runtime/feed-bundle-file.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { configFrom, dbOptions, dbOptionsHelp, parse, withRuntime, writeJson } from '../context.ts';

async function guarded(io: CliIo, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (isVigilError(err)) {
      io.stderr.write(`error ${err.code}: ${err.message}\n`);
      return ['BUNDLE_INVALID', 'BUNDLE_UNTRUSTED', 'BUNDLE_CHECKSUM_MISMATCH', 'BUNDLE_SIGNATURE_INVALID', 'CONFIG_INVALID'].includes(err.code) ? EXIT.USAGE : EXIT.FAILURE;
    }
    throw err;
  }
}

function rate(done: number, startedMs: number): string {
  const secs = (Date.now() - startedMs) / 1000;
  return secs > 0 ? `${Math.round(done / secs)} records/s` : '';
}

const feedsSync: Command = {
  path: ['feeds', 'sync'],
  summary: 'Sync one feed (or every enabled feed) now, from its last committed position',
  help: `Usage: vigil feeds sync [SOURCE] [--json] [database options]

SOURCE is one of ${feedNames.join(', ')}; without it, every feed in VIGIL_FEED_SOURCES runs in turn.
Each batch is committed with the feed's watermark, so an interrupted sync resumes without
duplicates. Progress (records/s, ETA) goes to stderr. Exit 3 when a feed fails (the others still run).

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions);
    if (positionals.length > 1) throw new UsageError('at most one SOURCE');
    const wanted = positionals[0];
    if (wanted !== undefined && !isFeedName(wanted)) throw new UsageError(`unknown feed '${wanted}' (known: ${feedNames.join(', ')})`);
    const cfg = configFrom(io, values);
    const names: FeedName[] = wanted ? [wanted as FeedName] : cfg.feedSources;
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      let failed = 0;
      const results: Record<string, unknown> = {};
      for (const name of names) {
        const started = Date.now();
        io.stderr.write(`${name}: syncing…\n`);
        try {
          const total = await runSync(rt, {
            source: name,
            batches: (w) => feedBatches(name, rt.config, w),
            onBatch: (_c, b) => {
              if (!b.progress) return;
              const { done, total: all } = b.progress;
              const secs = (Date.now() - started) / 1000;
              const eta = all && done > 0 ? Math.round(((all - done) * secs) / done) : null;
              io.stderr.write(`${name}: ${done}${all ? `/${all}` : ''} records, ${rate(done, started)}${eta !== null ? `, ETA ${eta} s` : ''}\n`);
            },
          });
          results[name] = total;
          io.stderr.write(`${name}: done — ${total.inserted} new, ${total.updated} updated, ${total.unchanged} unchanged, ${total.kev} KEV, ${total.epss} EPSS, ${total.problems} problems\n`);
        } catch (err) {
          failed += 1;
          results[name] = { error: (err as Error).message };
          io.stderr.write(`${name}: FAILED — ${(err as Error).message}\n`);
        }
      }
      if (values.json) writeJson(io, results);
      return failed ? EXIT.FAILURE : EXIT.OK;
    }));
  },
};



function isBundle(file: string): boolean {
  if (!file.endsWith('.zip') && !file.endsWith('.vigil-bundle')) return false;
  const h = Buffer.from(fileHead(file));
  // A bundle's first zip entry is advisories.jsonl (local file header name at byte 30).
  return h.readUInt32LE(0) === 0x04034b50 && h.subarray(30, 30 + 'advisories.jsonl'.length).toString() === 'advisories.jsonl';
}

const feedsImport: Command = {
  path: ['feeds', 'import'],
  summary: 'Load intelligence offline: a bundle, a raw source file, or a directory of them',
  help: `Usage: vigil feeds import PATH [--json] [database options]

PATH may be:
  - a bundle written by \`vigil feeds export\` (checksums and signature are verified before
    anything is loaded; with VIGIL_BUNDLE_TRUSTED_KEYS set, only bundles signed by one of those
    keys are accepted);
  - a raw source file: OSV record (.json) or ecosystem dump (all.zip), GitHub advisory database
    archive, NVD CVE API 2.0 JSON, CVE JSON 5 record, CISA KEV catalog, FIRST EPSS CSV (.csv/.gz),
    CSAF 2.0 document — the format is detected from the content;
  - a directory: every file in it, recursively.
Records that cannot be read are reported and skipped; the rest is loaded. Exit 2 when no file
was recognised or the bundle fails verification.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions);
    if (positionals.length !== 1) throw new UsageError('one PATH is required');
    const path = positionals[0]!;
    try {
      statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      if (!statSync(path).isDirectory() && isBundle(path)) {
        const trusted = loadTrustedKeys(cfg.bundleTrustedKeys);
        const result = await importFeedBundle(rt, openBundleReader(path, trusted), {
          requireTrustedSignature: trusted.length > 0,
          onProgress: (entry, done, total) => {
            if (done % 20000 < 1000 || done === total) io.stderr.write(`bundle ${entry}: ${done}/${total}\n`);
          },
        });
        if (result.signature !== 'trusted') io.stderr.write(`warning: the bundle is ${result.signature === 'unsigned' ? 'not signed' : `signed by key ${result.keyId}, which is not trusted here`}; its checksums were verified\n`);
        if (values.json) writeJson(io, result);
        else io.stdout.write(`bundle loaded: ${result.advisories.inserted} new, ${result.advisories.updated} updated, ${result.advisories.unchanged} unchanged advisories; ${result.kev} KEV entries; ${result.epss} EPSS scores${result.watermarksSeeded.length ? `; watermarks seeded for ${result.watermarksSeeded.join(', ')}` : ''}\n`);
        return EXIT.OK;
      }
      const summary = await importFeedFiles(rt, path, (r) => {
        if (!r.reader) {
          io.stderr.write(`skipped ${r.file}: not a recognised source file\n`);
          return;
        }
        for (const p of r.problems) io.stderr.write(`problem in ${r.file}${p.id ? ` (${p.id})` : ''}: ${p.reason}\n`);
        const c = r.counts!;
        if (!values.json) io.stdout.write(`${r.file}: ${r.reader} — ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged advisories, ${c.kev} KEV, ${c.epss} EPSS, ${c.problems} problems\n`);
      });
      const recognised = summary.filter((r) => r.reader !== null).length;
      if (values.json) writeJson(io, { files: summary });
      if (recognised === 0) {
        io.stderr.write('error: no recognised source file\n');
        return EXIT.USAGE;
      }
      return EXIT.OK;
    }));
  },
};

const feedsExport: Command = {
  path: ['feeds', 'export'],
  summary: 'Write a checksummed, signed mirror bundle of everything stored (for air-gapped sites)',
  help: `Usage: vigil feeds export BUNDLE [--json] [database options]

Writes every advisory (normalised and raw), the KEV catalog, EPSS history and the feeds' sync
positions into BUNDLE (a zip with a manifest of SHA-256 checksums). With VIGIL_BUNDLE_SIGNING_KEY
(an Ed25519 private key in PEM) the manifest is signed; the receiving site lists the public key
in VIGIL_BUNDLE_TRUSTED_KEYS. Load it there with \`vigil feeds import BUNDLE\`.
Create a key pair with:  openssl genpkey -algorithm ed25519 -out bundle.key && openssl pkey -in bundle.key -pubout -out bundle.pub

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions);
    if (positionals.length !== 1) throw new UsageError('one BUNDLE path is required');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const key = cfg.bundleSigningKey ? loadSigningKey(cfg.bundleSigningKey) : null;
      const { readFileSync: read } = await import('node:fs');
      const version = (JSON.parse(read(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
      const manifest = await exportFeedBundle(rt, createBundleWriter(positionals[0]!, key), `vigil ${version}`);
      if (values.json) writeJson(io, manifest);
      else {
        const e = manifest.entries;
        io.stdout.write(`wrote ${positionals[0]}: ${e['advisories.jsonl'].records} advisories, ${e['kev.jsonl'].records} KEV entries, ${e['epss.jsonl'].records} EPSS scores; ${manifest.signed ? 'signed' : 'unsigned (set VIGIL_BUNDLE_SIGNING_KEY to sign)'}\n`);
      }
      return EXIT.OK;
    }));
  },
};

export const feedsCommands: readonly Command[] = [feedsSync, feedsImport, feedsExport];
