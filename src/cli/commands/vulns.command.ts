/** `vigil vulns …` and `vigil feeds status`: read vulnerability intelligence from the local database. */
import { readFileSync } from 'node:fs';
import { feedStatus, getVulnerability, listVulnerabilities, recordInternalAdvisory } from '../../app/vulnerabilities.ts';
import { parseOsvRecord } from '../../formats/osv/osv.parser.ts';
import { isVigilError } from '../../domain/errors.ts';
import { feedNames } from '../../runtime/feeds.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { cliActor, configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

async function guarded(io: CliIo, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (isVigilError(err)) {
      io.stderr.write(`error ${err.code}: ${err.message}\n`);
      return err.code === 'DATABASE_LOCKED' ? EXIT.FAILURE : EXIT.USAGE;
    }
    throw err;
  }
}

const vulnsList: Command = {
  path: ['vulns', 'list'],
  summary: 'List vulnerabilities, one per alias group',
  help: `Usage: vigil vulns list [--source S] [--kev] [--search TEXT] [--include-withdrawn] [--limit N] [--json]

One line per vulnerability (alias group): its primary id, every identifier and alias, the sources
that know it, highest CVSS, KEV and EPSS.

  --source S   only groups with an advisory from S (osv, ghsa, nvd, cve, csaf, internal)
  --kev        only known-exploited vulnerabilities (CISA KEV)

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, source: { type: 'string' }, kev: { type: 'boolean', default: false }, search: { type: 'string' }, 'include-withdrawn': { type: 'boolean', default: false }, limit: { type: 'string' } }, false);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100000) throw new UsageError('--limit must be an integer between 1 and 100000');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const page = await listVulnerabilities(rt, { ...(values.source ? { source: values.source } : {}), ...(values.search ? { q: values.search } : {}), kev: values.kev, includeWithdrawn: values['include-withdrawn'], offset: 0, limit });
      if (values.json) writeJson(io, page);
      else {
        const rows = page.items.map((v) => ({ ...v, aliases: v.identifiers.filter((i) => i !== v.primaryId).join(' '), kevFlag: v.kev ? `KEV ${v.kev.dateAdded}` : '', epssText: v.epss ? v.epss.epss.toFixed(3) : '' }));
        io.stdout.write(table(rows, [['primaryId', 'ID'], ['aliases', 'ALIASES'], ['sources', 'SOURCES'], ['maxCvss', 'CVSS'], ['kevFlag', 'KEV'], ['epssText', 'EPSS'], ['summary', 'SUMMARY']]));
        io.stdout.write(`${page.items.length} of ${page.total} vulnerabilities\n`);
      }
      return EXIT.OK;
    }));
  },
};

const vulnsShow: Command = {
  path: ['vulns', 'show'],
  summary: 'Show one vulnerability by any of its ids or aliases',
  help: `Usage: vigil vulns show ID [--json]

ID may be any identifier of the vulnerability: CVE, GHSA, an OSV id, an ICSMA advisory id…
Exit 2 when no vulnerability is known by that id.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions);
    if (positionals.length !== 1) throw new UsageError('one ID is required');
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const v = await getVulnerability(rt, positionals[0]!);
      if (values.json) {
        writeJson(io, v);
        return EXIT.OK;
      }
      const out: string[] = [];
      out.push(`${v.primaryId}${v.withdrawn ? '  [WITHDRAWN]' : ''}${v.kev ? `  [KEV since ${v.kev.dateAdded}${v.kev.ransomware ? ', ransomware' : ''}]` : ''}`);
      out.push(`identifiers: ${v.identifiers.join(', ')}`);
      if (v.summary) out.push(`summary:     ${v.summary}`);
      out.push(`highest CVSS: ${v.maxCvss ?? '—'}${v.epss ? `   EPSS ${v.epss.epss.toFixed(4)} (percentile ${v.epss.percentile.toFixed(3)}, ${v.epss.date})` : ''}`);
      out.push('', 'sources:');
      for (const a of v.advisories) {
        const d = a.data as { affected?: Array<{ purl: string | null; ecosystem: string | null; name: string; fixedVersions: string[] }>; severities?: Array<{ type: string; vector: string | null; score: number | null }> };
        out.push(`  ${a.source.padEnd(8)} ${a.id}  modified ${a.modified}${a.withdrawn ? `  withdrawn ${a.withdrawn}` : ''}${a.revisions.length ? `  (${a.revisions.length} earlier versions)` : ''}`);
        for (const s of d.severities ?? []) if (s.vector) out.push(`           ${s.type} ${s.score ?? ''} ${s.vector}`);
        for (const p of (d.affected ?? []).slice(0, 10)) out.push(`           affects ${p.purl ?? (p.ecosystem ? `${p.ecosystem}/${p.name}` : p.name)}${p.fixedVersions?.length ? `, fixed in ${p.fixedVersions.join(', ')}` : ''}`);
      }
      io.stdout.write(`${out.join('\n')}\n`);
      return EXIT.OK;
    }));
  },
};

const feedsStatus: Command = {
  path: ['feeds', 'status'],
  summary: 'Status of each intelligence feed: last success, last error, counts, lag',
  help: `Usage: vigil feeds status [--json]\n\n${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, dbOptions, false);
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const items = await feedStatus(rt, feedNames);
      if (values.json) writeJson(io, { items });
      else {
        const rows = items.map((f) => ({ ...f, lag: f.lagSeconds === null ? 'never' : `${Math.round(f.lagSeconds / 60)} min`, error: f.lastError ? `${f.lastErrorAt}: ${f.lastError}` : '' }));
        io.stdout.write(table(rows, [['source', 'SOURCE'], ['status', 'STATUS'], ['lastSuccessAt', 'LAST SUCCESS'], ['lag', 'LAG'], ['recordsTotal', 'RECORDS'], ['problemsTotal', 'PROBLEMS'], ['error', 'LAST ERROR']]));
      }
      return EXIT.OK;
    }));
  },
};

const advisoryRecord: Command = {
  path: ['advisory', 'record'],
  summary: 'Record an internal advisory from an OSV-format JSON file',
  help: `Usage: vigil advisory record FILE [--reason TEXT] [--json] [database options]

Records the advisory in FILE (one OSV record: id, modified, aliases, summary, details, affected[]
with packages and ranges, severity[] with CVSS vectors, references) as an internal advisory. It
joins the alias group of any id it names, is matched like any feed's advisory, and is audited.
Recording the same id again stores a new revision. Exit 2 when the record is not valid OSV.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, reason: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('one FILE is required');
    let record: unknown;
    try {
      record = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
    }
    const parsed = parseOsvRecord(record, { source: 'internal', location: positionals[0] });
    if (!parsed.ok) {
      io.stderr.write(`error VALIDATION_FAILED: ${parsed.problem.location}: ${parsed.problem.reason}\n`);
      return EXIT.USAGE;
    }
    const cfg = configFrom(io, values);
    return guarded(io, () => withRuntime(cfg, async (rt) => {
      const r = await recordInternalAdvisory(rt, cliActor(io), parsed.advisory, record, values.reason ?? null);
      if (values.json) writeJson(io, r);
      else io.stdout.write(`${r.created ? 'recorded' : 'updated'} internal advisory ${r.id} (vulnerability ${r.primaryId})\n`);
      return EXIT.OK;
    }));
  },
};

export const vulnsCommands: readonly Command[] = [vulnsList, vulnsShow, feedsStatus, advisoryRecord];
