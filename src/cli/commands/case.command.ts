/** `vigil case open|facts|show|list`: regulatory cases in the local database. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyPlaybook, listCaseTasks, setCaseSeverity, updateCaseTask } from '../../app/case-tasks.ts';
import { addCaseLink, caseDocument, caseKinds, closeCase, getCase, listCases, openCase, removeCaseLink, reopenCase, setCaseFacts, type CaseDetail } from '../../app/cases.ts';
import type { CaseKind, CaseLink, CaseSeverity, CaseTask } from '../../app/ports.ts';
import { builtInPlaybooks, severities } from '../../domain/cases/playbooks.ts';
import { isVigilError } from '../../domain/errors.ts';
import { EXIT, UsageError, readAll, type CliIo, type Command } from '../command.ts';
import { cliActor, configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

/** Codes that mean "the input was rejected" (exit 2); other VigilErrors are failures (exit 3). */
const inputCodes = /(_NOT_FOUND|_INVALID|_NOT_OPEN|_NOT_CLOSED|_OBLIGATIONS_OPEN|_ALREADY_APPLIED|VALIDATION_FAILED)$/;

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
  const lines = [`Case ${c.number} — ${c.title} (${c.kind}, ${c.severity}, ${c.status})`, `id ${c.id} · opened ${c.openedAt} by ${c.openedBy}`];
  if (c.status === 'closed') lines.push(`closed ${c.closedAt} by ${c.closedBy}: ${c.resolution}${c.forcedCloseReason ? ` (forced with open obligations: ${c.forcedCloseReason})` : ''}`);
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
  if (d.tasks.length) lines.push('', `Tasks (${d.tasks.filter((t) => t.status === 'open').length} open):`, renderTasks(d.tasks).trimEnd());
  if (d.documents.length) lines.push('', 'Documents:', ...d.documents.map((doc) => `  ${doc.id}  ${doc.name} (${doc.byteSize} bytes, sha256 ${doc.sha256})`));
  lines.push('', `Timeline (${d.timeline.length} fact changes):`);
  for (const t of d.timeline) lines.push(`  ${t.changedAt} ${t.changedBy}  ${t.path} = ${t.value === null ? '(removed)' : JSON.stringify(t.value)}${t.instant ? ` [${t.instant} ${t.timeZone}]` : ''}${t.note ? ` — ${t.note}` : ''}`);
  return `${lines.join('\n')}\n`;
}

export function renderTasks(tasks: readonly CaseTask[]): string {
  return table(
    tasks.map((t) => ({ ...t, short: t.id.slice(0, 8), due: t.dueAt ? t.dueAt.slice(0, 16).replace('T', ' ') + 'Z' : '—', who: t.assignee?.email ?? '', status: t.status.toUpperCase() })),
    [['short', 'TASK'], ['status', 'STATUS'], ['due', 'DUE'], ['role', 'ROLE'], ['who', 'ASSIGNEE'], ['title', 'TITLE']],
  );
}

/** A task by id, its first characters (as printed by \`vigil case tasks\`), or its playbook key. */
async function resolveTaskId(tasks: readonly CaseTask[], ref: string): Promise<string> {
  const hits = tasks.filter((t) => t.id === ref || t.templateKey === ref || (ref.length >= 4 && t.id.startsWith(ref)));
  if (hits.length !== 1) throw new UsageError(hits.length ? `task '${ref}' is ambiguous: give more of its id` : `the case has no task '${ref}' (see vigil case tasks)`);
  return hits[0]!.id;
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
  --severity S      critical, high, medium or low (default: from the vulnerability's highest
                    CVSS when opened from a finding or vulnerability, else medium)
  --finding ID      open from a finding (its id, COMPONENT-GROUP, see vigil findings list --json)
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
      severity: { type: 'string' },
    }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.title) throw new UsageError('--title is required');
    if (values.severity && !severities.includes(values.severity as CaseSeverity)) throw new UsageError(`--severity must be one of ${severities.join(', ')}`);
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
          ...(values.severity ? { severity: values.severity as CaseSeverity } : {}),
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

/** A command taking CASE (and more positionals) that prints a case or a result. */
function caseCommand(spec: {
  path: string[];
  summary: string;
  usage: string;
  about: string;
  args: string;
  options?: Record<string, { type: 'string' | 'boolean' }>;
  optionsHelp?: string;
  positionals: number;
  exit: string;
  run(rt: Parameters<Parameters<typeof withRuntime>[1]>[0], io: CliIo, positionals: string[], values: Record<string, string | boolean | undefined>): Promise<number>;
}): Command {
  return {
    path: spec.path,
    summary: spec.summary,
    help: `Usage: ${spec.usage}

${spec.about}

Arguments:
${spec.args}
${spec.optionsHelp ? `\nOptions:\n${spec.optionsHelp}\n` : ''}  --json              print the result as JSON

Exit codes: ${spec.exit}

${dbOptionsHelp}`,
    async run(args, io) {
      const { values, positionals } = parse(args, { ...dbOptions, ...(spec.options ?? {}) }, true);
      if (positionals.length !== spec.positionals) throw new UsageError(`expected ${spec.args.split('\n').map((l) => l.trim().split(/\s+/)[0]).join(' ')} (see --help)`);
      const cfg = configFrom(io, values);
      return runCaseCommand(io, Boolean(values.json), () => withRuntime(cfg, (rt) => spec.run(rt, io, positionals, values as Record<string, string | boolean | undefined>)));
    },
  };
}

const caseClose = caseCommand({
  path: ['case', 'close'],
  summary: 'Close a case with a resolution note (refused while obligations are open, unless --force with a reason)',
  usage: 'vigil case close CASE --resolution TEXT [--force --reason TEXT] [--json]',
  about: `Closes the case. The obligations are re-evaluated first; while any is pending, due soon or
overdue the close is refused (error CASE_OBLIGATIONS_OPEN, listing them) unless --force is given
with a --reason of at least 10 characters. Both are audited.`,
  args: '  CASE                case number or id',
  options: { resolution: { type: 'string' }, force: { type: 'boolean' }, reason: { type: 'string' } },
  optionsHelp: `  --resolution TEXT   how the case was resolved (required)
  --force             close although obligations are open (needs --reason)
  --reason TEXT       why closing with open obligations is right`,
  positionals: 1,
  exit: '0 closed · 2 usage error, unknown case, already closed or open obligations · 3 failure',
  async run(rt, io, [c], v) {
    if (typeof v.resolution !== 'string') throw new UsageError('--resolution is required');
    const d = await closeCase(rt, cliActor(io), c!, { resolution: v.resolution, force: v.force === true, reason: typeof v.reason === 'string' ? v.reason : null });
    if (v.json) writeJson(io, d);
    else io.stdout.write(renderCase(d));
    return EXIT.OK;
  },
});

const caseReopen = caseCommand({
  path: ['case', 'reopen'],
  summary: 'Reopen a closed case (with a reason) and re-evaluate its obligations',
  usage: 'vigil case reopen CASE --reason TEXT [--json]',
  about: 'Reopens a closed case; the reason goes to the audit trail and the obligations are re-evaluated.',
  args: '  CASE                case number or id',
  options: { reason: { type: 'string' } },
  optionsHelp: '  --reason TEXT       why the case is reopened (required)',
  positionals: 1,
  exit: '0 reopened · 2 usage error, unknown case or case not closed · 3 failure',
  async run(rt, io, [c], v) {
    if (typeof v.reason !== 'string') throw new UsageError('--reason is required');
    const d = await reopenCase(rt, cliActor(io), c!, v.reason);
    if (v.json) writeJson(io, d);
    else io.stdout.write(renderCase(d));
    return EXIT.OK;
  },
});

const linkTypes = ['product', 'release', 'finding'] as const;
function linkCommand(remove: boolean): Command {
  return caseCommand({
    path: ['case', remove ? 'unlink' : 'link'],
    summary: remove ? 'Remove a product, release or finding link from a case' : 'Link a product, release or finding to a case',
    usage: `vigil case ${remove ? 'unlink' : 'link'} CASE TYPE ID [--reason TEXT] [--json]`,
    about: remove ? 'Removes the link; audited.' : 'Links an existing product (id or slug), release (id) or finding (id); audited.',
    args: `  CASE                case number or id
  TYPE                product, release or finding
  ID                  its id (a product also by slug)`,
    options: { reason: { type: 'string' } },
    optionsHelp: '  --reason TEXT       why (audit trail)',
    positionals: 3,
    exit: `0 ${remove ? 'removed' : 'linked'} · 2 usage error, unknown case or ${remove ? 'link' : 'target'} · 3 failure`,
    async run(rt, io, [c, type, id], v) {
      if (!linkTypes.includes(type as CaseLink['type'])) throw new UsageError(`TYPE must be one of ${linkTypes.join(', ')}`);
      const link = { type: type as CaseLink['type'], id: id! };
      const reason = typeof v.reason === 'string' ? v.reason : null;
      const links = remove ? await removeCaseLink(rt, cliActor(io), c!, link, reason) : await addCaseLink(rt, cliActor(io), c!, link, reason);
      if (v.json) writeJson(io, { links });
      else io.stdout.write(`links: ${links.map((l) => `${l.type} ${l.id}`).join(', ') || 'none'}\n`);
      return EXIT.OK;
    },
  });
}

const caseSeverity = caseCommand({
  path: ['case', 'severity'],
  summary: "Set a case's severity and re-plan its open playbook tasks",
  usage: 'vigil case severity CASE LEVEL [--reason TEXT] [--json]',
  about: `Sets the severity (critical, high, medium, low). Open playbook tasks whose due date nobody set
by hand get the due date of the new severity (counted from when the case was opened); audited.`,
  args: `  CASE                case number or id
  LEVEL               critical, high, medium or low`,
  options: { reason: { type: 'string' } },
  optionsHelp: '  --reason TEXT       why (audit trail)',
  positionals: 2,
  exit: '0 set · 2 usage error or unknown case · 3 failure',
  async run(rt, io, [c, level], v) {
    if (!severities.includes(level as CaseSeverity)) throw new UsageError(`LEVEL must be one of ${severities.join(', ')}`);
    const r = await setCaseSeverity(rt, cliActor(io), c!, level as CaseSeverity, typeof v.reason === 'string' ? v.reason : null);
    if (v.json) writeJson(io, r);
    else io.stdout.write(`Case ${r.case.number} severity ${r.case.severity}; ${r.replanned.length} task(s) re-planned.\n`);
    return EXIT.OK;
  },
});

const caseDocumentCommand = caseCommand({
  path: ['case', 'document'],
  summary: 'Save a document stored on a case (evidence of a fulfilment) to a file',
  usage: 'vigil case document CASE DOCUMENT --out FILE [--json]',
  about: 'Writes the document byte for byte and prints its SHA-256 (documents are listed by vigil case show).',
  args: `  CASE                case number or id
  DOCUMENT            document id`,
  options: { out: { type: 'string' } },
  optionsHelp: '  --out FILE          where to write it (required)',
  positionals: 2,
  exit: '0 written · 2 usage error, unknown case or document · 3 failure',
  async run(rt, io, [c, doc], v) {
    if (typeof v.out !== 'string') throw new UsageError('--out is required');
    const d = await caseDocument(rt, doc!, c!);
    await writeFile(resolve(io.cwd, v.out), d.bytes);
    if (v.json) writeJson(io, { name: d.name, sha256: d.sha256, byteSize: d.bytes.byteLength, path: v.out });
    else io.stdout.write(`${d.name}: ${d.bytes.byteLength} bytes, sha256 ${d.sha256} → ${v.out}\n`);
    return EXIT.OK;
  },
});

const casePlaybook = caseCommand({
  path: ['case', 'playbook'],
  summary: 'Apply a playbook to a case: creates its tasks (owner role, assignee, due by severity)',
  usage: 'vigil case playbook CASE NAME [--json]',
  about: `Creates the playbook's tasks on the case: each owned by a PSIRT role, assigned to the user
holding that role on the case (or nobody), due a time after the case was opened that depends on
the case severity (organisation overrides: vigil clocks settings). A playbook is applied once.`,
  args: `  CASE                case number or id
  NAME                ${builtInPlaybooks.map((p) => p.id).join(' or ')}`,
  positionals: 2,
  exit: '0 applied · 2 usage error, unknown case or playbook, closed case, already applied · 3 failure',
  async run(rt, io, [c, name], v) {
    const tasks = await applyPlaybook(rt, cliActor(io), c!, name!);
    if (v.json) writeJson(io, { items: tasks });
    else io.stdout.write(renderTasks(tasks));
    return EXIT.OK;
  },
});

const caseTasks = caseCommand({
  path: ['case', 'tasks'],
  summary: "List a case's tasks",
  usage: 'vigil case tasks CASE [--json]',
  about: 'Lists the tasks in plan order: status, due date, owner role, assignee.',
  args: '  CASE                case number or id',
  positionals: 1,
  exit: '0 listed · 2 usage error or unknown case · 3 failure',
  async run(rt, io, [c], v) {
    const tasks = await listCaseTasks(rt, c!);
    if (v.json) writeJson(io, { items: tasks });
    else io.stdout.write(tasks.length ? renderTasks(tasks) : 'No tasks.\n');
    return EXIT.OK;
  },
});

function taskStatusCommand(status: 'done' | 'skipped' | 'open', word: string): Command {
  return caseCommand({
    path: ['case', 'task', word],
    summary: status === 'done' ? 'Mark a task done' : status === 'skipped' ? 'Mark a task skipped' : 'Reopen a done or skipped task',
    usage: `vigil case task ${word} CASE TASK [--note TEXT] [--json]`,
    about: `Sets the task's status to ${status}${status === 'open' ? '' : ', recording who and when'}; audited.`,
    args: `  CASE                case number or id
  TASK                task id, its first 8 characters (vigil case tasks), or its playbook key`,
    options: { note: { type: 'string' } },
    optionsHelp: '  --note TEXT         note on the task',
    positionals: 2,
    exit: '0 changed · 2 usage error, unknown case or task · 3 failure',
    async run(rt, io, [c, ref], v) {
      const id = await resolveTaskId(await listCaseTasks(rt, c!), ref!);
      const t = await updateCaseTask(rt, cliActor(io), c!, id, { status, ...(typeof v.note === 'string' ? { note: v.note } : {}) });
      if (v.json) writeJson(io, t);
      else io.stdout.write(`Task ${t.id.slice(0, 8)} ${t.status}: ${t.title}\n`);
      return EXIT.OK;
    },
  });
}

export const caseCommands: readonly Command[] = [
  caseOpen, caseFacts, caseShow, caseList, caseClose, caseReopen, linkCommand(false), linkCommand(true), caseSeverity, caseDocumentCommand,
  casePlaybook, caseTasks, taskStatusCommand('done', 'done'), taskStatusCommand('skipped', 'skip'), taskStatusCommand('open', 'reopen'),
];
