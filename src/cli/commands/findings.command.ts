/** `vigil findings list`: a release's (or the portfolio's) findings from the local database. */
import { correlateAll } from '../../app/correlate.ts';
import { resolveRelease } from '../../app/inventory.ts';
import type { FindingQuery } from '../../app/ports.ts';
import { isVigilError } from '../../domain/errors.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

const severityOf = (cvss: number | null) => (cvss === null ? 'unknown' : cvss >= 9 ? 'critical' : cvss >= 7 ? 'high' : cvss >= 4 ? 'medium' : cvss > 0 ? 'low' : 'none');

const findingsList: Command = {
  path: ['findings', 'list'],
  summary: "List findings of a release, or of the whole portfolio, with their evidence (--json)",
  help: `Usage: vigil findings list [--product P --release R [--variant L]] [--state active|inactive|all]
                          [--status affected|indeterminate] [--kev] [--min-cvss N] [--search TEXT] [--limit N] [--json]

One line per finding: a component instance and a vulnerability (all its ids and sources as one),
with severity, KEV, status, confidence (high: purl, medium: CSAF product, low: CPE) and fixed
versions. "indeterminate" means a version or range could not be evaluated: look at it, it is not
"not affected". --json includes every source's match evidence.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, {
      ...dbOptions,
      product: { type: 'string' },
      release: { type: 'string' },
      variant: { type: 'string' },
      state: { type: 'string', default: 'active' },
      status: { type: 'string' },
      kev: { type: 'boolean', default: false },
      'min-cvss': { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' },
    }, false);
    if (Boolean(values.product) !== Boolean(values.release)) throw new UsageError('--product and --release go together');
    if (!['active', 'inactive', 'all'].includes(values.state!)) throw new UsageError('--state must be active, inactive or all');
    if (values.status && !['affected', 'indeterminate'].includes(values.status)) throw new UsageError('--status must be affected or indeterminate');
    const minCvss = values['min-cvss'] === undefined ? undefined : Number(values['min-cvss']);
    if (minCvss !== undefined && !(minCvss >= 0 && minCvss <= 10)) throw new UsageError('--min-cvss must be a number from 0 to 10');
    const limit = values.limit === undefined ? 1000 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const cfg = configFrom(io, values);
    try {
      return await withRuntime(cfg, async (rt) => {
        const release = values.product ? await resolveRelease(rt, values.product, values.release!, values.variant ?? null) : null;
        const q: FindingQuery = {
          active: values.state === 'all' ? null : values.state === 'active',
          offset: 0,
          limit,
          ...(release ? { releaseId: release.id } : {}),
          ...(values.status ? { status: values.status as 'affected' } : {}),
          ...(values.kev ? { kev: true } : {}),
          ...(minCvss !== undefined ? { minCvss } : {}),
          ...(values.search ? { q: values.search } : {}),
        };
        const page = await rt.uow.read((s) => s.findings.query(q));
        if (values.json) writeJson(io, page);
        else {
          const rows = page.items.map((f) => ({
            severity: `${severityOf(f.vulnerability.maxCvss)}${f.vulnerability.maxCvss !== null ? ` ${f.vulnerability.maxCvss}` : ''}`,
            id: f.vulnerability.primaryId,
            kev: f.vulnerability.kev ? 'KEV' : '',
            where: release ? `${f.component.name}@${f.component.version ?? '?'}` : `${f.product.slug} ${f.release.version} ${f.component.name}@${f.component.version ?? '?'}`,
            status: f.active ? f.status : `${f.status} (retracted)`,
            confidence: `${f.confidence} (${f.methods.join('+')})`,
            fixed: f.fixedVersions.join(', '),
          }));
          io.stdout.write(table(rows, [['severity', 'SEVERITY'], ['id', 'VULNERABILITY'], ['kev', 'KEV'], ['where', release ? 'COMPONENT' : 'PRODUCT RELEASE COMPONENT'], ['status', 'STATUS'], ['confidence', 'CONFIDENCE'], ['fixed', 'FIXED IN']]));
          io.stdout.write(`${page.items.length} of ${page.total} findings\n`);
        }
        return EXIT.OK;
      });
    } catch (err) {
      if (isVigilError(err)) {
        io.stderr.write(`error ${err.code}: ${err.message}\n`);
        return EXIT.USAGE;
      }
      throw err;
    }
  },
};

const correlate: Command = {
  path: ['correlate'],
  summary: 'Re-match every stored component against every stored advisory (after an upgrade)',
  help: `Usage: vigil correlate [--json] [database options]

Findings are kept up to date incrementally (new SBOMs, new or changed advisories). This command
re-matches everything — after an upgrade of Vigil's matcher or version schemes, or to check — and
reconciles: new findings are added, ones that no longer hold are retracted, unchanged ones stay.
Progress on stderr.

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, dbOptions, false);
    const cfg = configFrom(io, values);
    return withRuntime(cfg, async (rt) => {
      const started = Date.now();
      const counts = await correlateAll(rt, (done) => io.stderr.write(`correlated ${done} components (${Math.round(done / ((Date.now() - started) / 1000 || 1))}/s)\n`));
      if (values.json) writeJson(io, counts);
      else io.stdout.write(`${counts.components} components (${counts.identities} distinct): ${counts.new} new, ${counts.changed} changed, ${counts.reactivated} reactivated, ${counts.retracted} retracted, ${counts.unchanged} unchanged findings in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return EXIT.OK;
    });
  },
};

export const findingsCommands: readonly Command[] = [findingsList, correlate];
