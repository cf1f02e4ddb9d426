/** `vigil case open|facts|show|list`: regulatory cases in the local database. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { caseKinds, getCase, listCases, openCase, setCaseFacts, type CaseDetail } from '../../app/cases.ts';
import type { CaseKind } from '../../app/ports.ts';
import { isVigilError } from '../../domain/errors.ts';
import { EXIT, UsageError, readAll, type CliIo, type Command } from '../command.ts';
import { cliActor, configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

/** Codes that mean "the input was rejected" (exit 2); other VigilErrors are failures (exit 3). */
const inputCodes = /(_NOT_FOUND|_INVALID|_NOT_OPEN|VALIDATION_FAILED)$/;

/** Runs a database command, printing a VigilError as `error CODE: message` (+ one line per problem). */
export async function runCaseCommand(io: CliIo, json: boolean, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!isVigilError(err)) throw err;
    const errors = (err.details as { errors?: Array<{ path: string; message: string }> }).errors ?? [];
    io.stderr.write(`error ${err.code}: ${err.message}\n`);
    for (const e of errors) io.stderr.write(`  ${e.path}: ${e.message}\n`);
    if (json) writeJson(io, { ok: false, code: err.code, message: err.message, errors });
    return inputCodes.test(err.code) ? EXIT.USAGE : EXIT.FAILURE;
  }
}

export async function readJsonFile(path: string, io: CliIo, what: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} '${path}': ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${what} '${path}' is not valid JSON: ${(err as Error).message}`);
  }
}

export function renderCase(d: CaseDetail): string {
  const c = d.case;
  const lines = [`Case ${c.number} — ${c.title} (${c.kind}, ${c.status})`, `id ${c.id} · opened ${c.openedAt} by ${c.openedBy}`];
  if (d.links.length) lines.push(`links: ${d.links.map((l) => `${l.type} ${l.id}`).join(', ')}`);
  if (d.roles.length) lines.push(`roles: ${d.roles.map((r) => `${r.role}=${r.userId}`).join(', ')}`);
  lines.push('');
  const rows = d.obligations.map((o) => ({
    status: o.liveStatus.toUpperCase(),
    due: o.dueLocal ? `${o.dueLocal.slice(0, 16).replace('T', ' ')} ${o.timeZone}` : '—',
    left: o.timeLeft ? (o.timeLeft.ms < 0 ? `overdue ${o.timeLeft.text.slice(1)}` : o.timeLeft.text) : o.status === 'fulfilled' ? `done ${o.fulfilledAt}${o.late ? ' (late)' : ''}` : '',
    key: `${o.key}${o.provisional ? ' [PROVISIONAL]' : ''}`,
    title: o.title,
  }));
  lines.push(rows.length ? table(rows, [['status', 'STATUS'], ['due', 'DUE'], ['left', 'TIME LEFT'], ['key', 'OBLIGATION'], ['title', 'TITLE']]).trimEnd() : 'No obligations.');
  lines.push('', `Timeline (${d.timeline.length} fact changes):`);
  for (const t of d.timeline) lines.push(`  ${t.changedAt} ${t.changedBy}  ${t.path} = ${t.value === null ? '(removed)' : JSON.stringify(t.value)}${t.instant ? ` [${t.instant} ${t.timeZone}]` : ''}${t.note ? ` — ${t.note}` : ''}`);
  return `${lines.join('\n')}\n`;
}

const caseOpen: Command = {
  path: ['case', 'open'],
  summary: 'Open a regulatory case (from a finding, a vulnerability, or by hand) and evaluate its clocks',
  help: `Usage: vigil case open --title TITLE [--kind K] [--finding ID | --vuln ID] [--facts FILE] [--note TEXT] [--json]

Opens a case, records its facts on the timeline, evaluates the regulatory clocks and stores the
obligations. --finding links the finding, its release and product and its vulnerability;
--vuln takes any identifier of a vulnerability (CVE, GHSA, …). Without --facts, the case starts
with minimal facts (UTC, the linked product's US/EU markets); add facts with \`vigil case facts\`.

Options:
  --title TITLE     what the case is about (required)
  --kind K          vulnerability (default), incident, complaint, cvd-report or other
  --finding ID      open from a finding (its numeric id, see vigil findings list --json)
  --vuln ID         the vulnerability (CVE, GHSA, … or alias group id)
  --facts FILE      case facts JSON (docs/clocks.md); '-' reads standard input
  --note TEXT       note for the timeline and audit trail
  --json            print the case as JSON

Exit codes: 0 opened · 2 usage error, invalid facts (each problem with its JSON path) or unknown
finding/vulnerability · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...dbOptions,
      title: { type: 'string' },
      kind: { type: 'string' },
      finding: { type: 'string' },
      vuln: { type: 'string' },
      facts: { type: 'string' },
      note: { type: 'string' },
    }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.title) throw new UsageError('--title is required');
    if (values.kind && !caseKinds.includes(values.kind as CaseKind)) throw new UsageError(`--kind must be one of ${caseKinds.join(', ')}`);
    if (values.finding && values.vuln) throw new UsageError('--finding and --vuln exclude each other (a finding names its vulnerability)');
    const facts = values.facts ? await readJsonFile(values.facts, io, 'facts file') : undefined;
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const d = await openCase(rt, cliActor(io), {
          title: values.title!,
          ...(values.kind ? { kind: values.kind as CaseKind } : {}),
          ...(values.finding ? { findingId: values.finding } : {}),
          ...(values.vuln ? { vulnerability: values.vuln } : {}),
          ...(facts !== undefined ? { facts } : {}),
          ...(values.note ? { note: values.note } : {}),
        });
        if (values.json) writeJson(io, d);
        else io.stdout.write(renderCase(d));
        return EXIT.OK;
      }),
    );
  },
};

const caseFacts: Command = {
  path: ['case', 'facts'],
  summary: "Change a case's facts (JSON merge patch) and recompute its obligations",
  help: `Usage: vigil case facts CASE FILE [--note TEXT] [--json]

Applies FILE as a JSON merge patch (RFC 7396) to the case's facts: keys present are set, null
removes a fact. Every changed fact goes on the timeline (with the instant and zone of time
facts), the result is validated against the facts schema, and the obligations are recomputed —
those that no longer apply become not-applicable with the engine's reason.

Arguments:
  CASE                case number or id
  FILE                JSON merge patch of the facts; '-' reads standard input

Options:
  --note TEXT         why the facts changed (timeline and audit trail)
  --json              print the case as JSON

Exit codes: 0 applied · 2 usage error, unknown case or invalid facts · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, note: { type: 'string' } }, true);
    if (positionals.length !== 2) throw new UsageError('expected CASE and FILE (see --help)');
    const patch = await readJsonFile(positionals[1]!, io, 'facts patch');
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const d = await setCaseFacts(rt, cliActor(io), positionals[0]!, patch, values.note ?? null);
        if (values.json) writeJson(io, d);
        else io.stdout.write(`${d.changed} fact(s) changed.\n${renderCase(d)}`);
        return EXIT.OK;
      }),
    );
  },
};

const caseShow: Command = {
  path: ['case', 'show'],
  summary: 'Show a case: obligations with time left, timeline, links and roles',
  help: `Usage: vigil case show CASE [--json]

Arguments:
  CASE                case number or id

Exit codes: 0 shown · 2 unknown case · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one CASE (see --help)');
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const d = await getCase(rt, positionals[0]!);
        if (values.json) writeJson(io, d);
        else io.stdout.write(renderCase(d));
        return EXIT.OK;
      }),
    );
  },
};

const caseList: Command = {
  path: ['case', 'list'],
  summary: 'List cases, newest first',
  help: `Usage: vigil case list [--status open|closed] [--json]

${dbOptionsHelp}`,
  async run(args, io) {
    const { values } = parse(args, { ...dbOptions, status: { type: 'string' } }, false);
    if (values.status && values.status !== 'open' && values.status !== 'closed') throw new UsageError("--status must be 'open' or 'closed'");
    const cfg = configFrom(io, values);
    return withRuntime(cfg, async (rt) => {
      const items = await listCases(rt, values.status ? { status: values.status as 'open' } : {});
      if (values.json) writeJson(io, { items });
      else io.stdout.write(table(items.map((c) => ({ ...c, opened: c.openedAt.slice(0, 16) })), [['number', 'CASE'], ['kind', 'KIND'], ['status', 'STATUS'], ['opened', 'OPENED'], ['title', 'TITLE']]));
      return EXIT.OK;
    });
  },
};

export const caseCommands: readonly Command[] = [caseOpen, caseFacts, caseShow, caseList];
