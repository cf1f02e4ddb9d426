import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, readAll, type CliIo, type Command } from '../command.ts';
import { evaluate, type Evaluation, type Obligation } from '../../domain/clocks/engine.ts';
import { validateFacts } from '../../domain/clocks/facts.schema.ts';
import { builtInRulePacks, obligationIds } from '../../domain/clocks/rule-packs.ts';
import { engineSettingsOf, validateSettings } from '../../domain/clocks/settings.schema.ts';
import { parseTime } from '../../domain/clocks/zoned-time.ts';
import { deadlineBoard, evaluateOpenCases, getCase, type BoardState } from '../../app/cases.ts';
import { getClockSettings, setClockSettings, type ClockSettingsView } from '../../app/clock-settings.ts';
import { cliActor, configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';
import { readJsonFile, runCaseCommand } from './case.command.ts';

const HELP = `Usage: vigil clocks evaluate FACTS.json [--now INSTANT] [--settings FILE] [--json] [--fail-on STATUS]

Evaluates the regulatory clocks of one case from a facts file, without storing anything.
Use it for what-if questions: change a date in the file ("if we initiate the correction on
Monday…") and evaluate again. Obligations are printed ordered by due time, with the rules that
do not apply and why, the facts still missing to decide, and the decision trace.

Arguments:
  FACTS.json          case facts (format: docs/clocks.md); '-' reads standard input

Options:
  --now INSTANT       evaluate as of this ISO 8601 instant with Z or offset (default: current time)
  --settings FILE     organisation settings JSON (observed holidays, EU extension, packs/rules on or off)
  --json              print the full evaluation as JSON
  --fail-on STATUS    exit 1 if any obligation is 'overdue', or 'due-soon' (due soon or overdue)

Exit codes: 0 evaluated · 1 an obligation at or above --fail-on · 2 usage error or invalid facts
(each problem printed with its JSON path) · 3 failure

Example:
  vigil clocks evaluate case.json --now 2026-04-05T12:00:00Z
`;

async function readJson(path: string, io: CliIo, what: string): Promise<unknown> {
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

function localWhen(o: Obligation): string {
  if (!o.dueLocal) return o.trigger ? 'no fixed deadline' : 'not yet known';
  return `${o.dueLocal.slice(0, 16).replace('T', ' ')} ${o.timeZone}`;
}

export function renderEvaluation(result: Evaluation, caseLabel: string): string {
  const lines: string[] = [];
  lines.push(`${caseLabel} — evaluated at ${result.now}`);
  const enabled = result.packs.filter((p) => p.enabled).map((p) => `${p.id} ${p.version}`);
  lines.push(`Rule packs: ${enabled.join(', ')}`);
  for (const p of result.packs.filter((x) => !x.enabled)) lines.push(`Disabled: ${p.id} ${p.version}${p.disabledReason ? ` — ${p.disabledReason}` : ''}`);
  lines.push('');
  lines.push(result.obligations.length ? 'Obligations (by due time):' : 'Obligations: none apply.');
  for (const o of result.obligations) {
    const left =
      o.status === 'fulfilled'
        ? `fulfilled ${o.fulfilledAt}${o.late ? ', late' : ''}`
        : o.timeLeft
          ? o.timeLeft.ms < 0
            ? `overdue by ${o.timeLeft.text.slice(1)}`
            : `${o.timeLeft.text} left`
          : '';
    lines.push(`  ${o.status.toUpperCase().padEnd(8)}  ${localWhen(o).padEnd(34)} ${left ? `(${left})` : ''}`.trimEnd());
    lines.push(`            ${o.id}${o.provisional ? ' [PROVISIONAL]' : ''} — ${o.title}`);
    lines.push(`            due ${o.dueAt ?? '—'} · ${o.period} · trigger ${o.trigger ? `${o.trigger.fact} ${o.trigger.at}` : 'missing'} · ${o.citation}`);
    for (const a of o.assumptions) lines.push(`            assumes: ${a}`);
  }
  if (result.notApplicable.length) {
    lines.push('');
    lines.push('Not applicable:');
    // Rules of one pack that share a reason are printed on one line.
    const groups: { ids: string[]; code: string; reason: string; reconsiderAt?: string }[] = [];
    for (const n of result.notApplicable) {
      const last = groups[groups.length - 1];
      if (last && last.code === n.code && last.reason === n.reason && last.reconsiderAt === n.reconsiderAt) last.ids.push(n.ruleId);
      else groups.push({ ids: [n.ruleId], code: n.code, reason: n.reason, ...(n.reconsiderAt ? { reconsiderAt: n.reconsiderAt } : {}) });
    }
    for (const g of groups) lines.push(`  ${g.ids.join(', ')} [${g.code}] ${g.reason}${g.reconsiderAt ? ` (reconsider at ${g.reconsiderAt})` : ''}`);
  }
  lines.push('');
  lines.push(result.missingFacts.length ? 'Missing facts:' : 'Missing facts: none.');
  for (const m of result.missingFacts) lines.push(`  ${m.path} — ${m.why}${m.assumed ? ` (meanwhile assumed: ${m.assumed})` : ''} [for ${m.neededFor.join(', ')}]`);
  lines.push('');
  lines.push('Decision trace:');
  for (const t of result.trace) lines.push(`  [${t.packId} ${t.step}] ${t.text}`);
  return `${lines.join('\n')}\n`;
}

const evaluateCommand: Command = {
  path: ['clocks', 'evaluate'],
  summary: 'Evaluate regulatory deadlines for a case facts file (what-if, nothing stored)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args,
          allowPositionals: true,
          options: { now: { type: 'string' }, settings: { type: 'string' }, json: { type: 'boolean' }, 'fail-on': { type: 'string' } },
        });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    })();
    if (positionals.length !== 1) throw new UsageError('expected exactly one FACTS.json argument (see --help)');
    const failOn = values['fail-on'];
    if (failOn !== undefined && failOn !== 'overdue' && failOn !== 'due-soon') throw new UsageError(`--fail-on must be 'overdue' or 'due-soon', not '${failOn}'`);
    let nowMs: number;
    if (values.now !== undefined) {
      const parsed = parseTime(values.now, 'UTC');
      if (!parsed.ok || !parsed.hadOffset) throw new UsageError(`--now must be an ISO 8601 instant with Z or an offset, e.g. 2026-04-05T12:00:00Z (got '${values.now}')`);
      nowMs = parsed.instantMs;
    } else {
      nowMs = Date.now();
    }

    let settings = {};
    if (values.settings !== undefined) {
      const raw = await readJson(values.settings, io, 'settings file');
      const checked = validateSettings(raw, { packs: new Set(builtInRulePacks.map((p) => p.id)), rules: obligationIds() });
      if (!checked.ok) {
        io.stderr.write(`vigil clocks evaluate: invalid settings file '${values.settings}':\n`);
        for (const p of checked.problems) io.stderr.write(`  ${p.path}: ${p.message}\n`);
        return EXIT.USAGE;
      }
      settings = engineSettingsOf(checked.settings);
    }

    const raw = await readJson(positionals[0]!, io, 'facts file');
    const checked = validateFacts(raw, obligationIds());
    if (!checked.ok) {
      io.stderr.write(`vigil clocks evaluate: invalid facts file '${positionals[0]}':\n`);
      for (const p of checked.problems) io.stderr.write(`  ${p.path}: ${p.message}\n`);
      if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, problems: checked.problems }, null, 2)}\n`);
      return EXIT.USAGE;
    }
    const result = evaluate(checked.facts, { now: nowMs, settings });
    if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const label = [checked.facts.caseId, checked.facts.title].filter(Boolean).join(' — ') || 'Case';
      io.stdout.write(renderEvaluation(result, label));
    }
    if (failOn) {
      const hit = result.obligations.some((o) => o.status === 'overdue' || (failOn === 'due-soon' && o.status === 'due-soon'));
      if (hit) return EXIT.FINDINGS;
    }
    return EXIT.OK;
  },
};

const explainCommand: Command = {
  path: ['clocks', 'explain'],
  summary: 'Explain the clocks of a stored case: obligations, not-applicable rules, missing facts, decision trace',
  help: `Usage: vigil clocks explain --case CASE [--json]

Evaluates the stored facts of a case as of now (nothing is written) and prints why each rule
applies or not, step by step, with the facts still missing to decide.

Options:
  --case CASE         case number or id (required)
  --json              print the evaluation as JSON

Exit codes: 0 explained · 2 usage error or unknown case · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, case: { type: 'string' } }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.case) throw new UsageError('--case is required');
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const d = await getCase(rt, values.case!);
        if (values.json) writeJson(io, { case: { id: d.case.id, number: d.case.number, title: d.case.title }, evaluation: d.evaluation });
        else io.stdout.write(renderEvaluation(d.evaluation, `Case ${d.case.number} — ${d.case.title}`));
        return EXIT.OK;
      }),
    );
  },
};

const dueCommand: Command = {
  path: ['clocks', 'due'],
  summary: 'The deadline board: open obligations across all cases by time left (exit 1 when any is overdue)',
  help: `Usage: vigil clocks due [--state open|due-soon|overdue|all] [--read-only] [--json]

Re-evaluates every open case (time passing can start or change obligations: a POST16 day 30
that passed without customer communication), then lists the obligations of open cases ordered
by time left, overdue first. Meant for cron jobs: exit 1 when an obligation is overdue.

Options:
  --state S           open (default: pending, due soon, overdue), due-soon, overdue, or all
                      (also fulfilled and not applicable)
  --read-only         do not re-evaluate first; show the stored obligations
  --json              print { now, items } as JSON

Exit codes: 0 nothing overdue · 1 at least one obligation overdue · 2 usage error · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, state: { type: 'string', default: 'open' }, 'read-only': { type: 'boolean', default: false } }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const state = values.state as BoardState;
    if (!['open', 'due-soon', 'overdue', 'all'].includes(state)) throw new UsageError('--state must be open, due-soon, overdue or all');
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        if (!values['read-only']) await evaluateOpenCases(rt, cliActor(io));
        const items = await deadlineBoard(rt, state);
        const overdue = (state === 'open' || state === 'overdue' || state === 'all' ? items : await deadlineBoard(rt, 'overdue')).some((o) => o.liveStatus === 'overdue');
        if (values.json) writeJson(io, { now: rt.clock.now().toISOString(), items });
        else {
          const rows = items.map((o) => ({
            status: o.liveStatus.toUpperCase(),
            left: o.timeLeft ? (o.timeLeft.ms < 0 ? `overdue ${o.timeLeft.text.slice(1)}` : o.timeLeft.text) : '',
            due: o.dueLocal ? `${o.dueLocal.slice(0, 16).replace('T', ' ')} ${o.timeZone}` : '—',
            case: `${o.case.number} ${o.case.title}`,
            key: `${o.key}${o.provisional ? ' [PROVISIONAL]' : ''}`,
          }));
          io.stdout.write(rows.length ? table(rows, [['status', 'STATUS'], ['left', 'TIME LEFT'], ['due', 'DUE'], ['case', 'CASE'], ['key', 'OBLIGATION']]) : 'No obligations.\n');
        }
        return overdue ? EXIT.FINDINGS : EXIT.OK;
      }),
    );
  },
};

function renderSettings(v: ClockSettingsView): string {
  const lines = [v.updatedAt ? `Organisation clock settings, set ${v.updatedAt} by ${v.updatedBy}:` : 'Organisation clock settings: never set (defaults in force).'];
  lines.push(JSON.stringify(v.document, null, 2), '');
  const e = v.effective;
  lines.push('In force:');
  lines.push(`  US observed holidays ${e.observedHolidays ? 'on' : 'off'} · inauguration day ${e.inaugurationDay ? 'on' : 'off'} · EU weekend extension ${e.euWeekendExtension ? 'on' : 'off'} · due soon ${e.dueSoonHours} h`);
  lines.push(`  rule packs: ${builtInRulePacks.map((p) => `${p.id} ${(e.packs[p.id]?.enabled ?? p.enabledByDefault) ? 'on' : 'off'}`).join(', ')}`);
  const off = Object.entries(e.rules).filter(([, r]) => r.enabled === false).map(([id]) => id);
  if (off.length) lines.push(`  rules switched off: ${off.join(', ')}`);
  for (const pb of v.playbooks) {
    lines.push('', `Playbook ${pb.id} — ${pb.title}:`);
    lines.push(table(pb.tasks.map((t) => ({ key: t.key, role: t.role, ...t.due })), [['key', 'TASK'], ['role', 'ROLE'], ['critical', 'CRITICAL'], ['high', 'HIGH'], ['medium', 'MEDIUM'], ['low', 'LOW']]).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

const settingsShowCommand: Command = {
  path: ['clocks', 'settings', 'show'],
  summary: 'Show the organisation clock settings (stored document, settings in force, playbooks)',
  help: `Usage: vigil clocks settings show [--json]

Prints the stored organisation settings document, the engine settings in force (the document
merged over the defaults) and the playbooks with their overrides.

Exit codes: 0 shown · 2 usage error · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, dbOptions, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const v = await getClockSettings(rt);
        if (values.json) writeJson(io, v);
        else io.stdout.write(renderSettings(v));
        return EXIT.OK;
      }),
    );
  },
};

const settingsSetCommand: Command = {
  path: ['clocks', 'settings', 'set'],
  summary: 'Replace the organisation clock settings from a file and re-evaluate every open case',
  help: `Usage: vigil clocks settings set FILE [--reason TEXT] [--json]

Validates FILE against the settings schema (docs/clocks.md; unknown keys, packs, rules, playbooks
and tasks are rejected, each problem printed with its JSON path), stores it, and in the same
transaction re-evaluates the obligations of every open case and re-plans open playbook tasks.
The change is audited (old and new document). Local command: whoever can open the database is
trusted like an administrator.

Arguments:
  FILE                settings JSON; '-' reads standard input

Options:
  --reason TEXT       why (audit trail)
  --json              print the result (settings, re-evaluated cases) as JSON

Exit codes: 0 stored · 2 usage error or invalid settings · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, reason: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE (see --help)');
    const doc = await readJsonFile(positionals[0]!, io, 'settings file');
    const cfg = configFrom(io, values);
    return runCaseCommand(io, Boolean(values.json), () =>
      withRuntime(cfg, async (rt) => {
        const r = await setClockSettings(rt, cliActor(io), doc, values.reason ?? null);
        if (values.json) writeJson(io, r);
        else {
          io.stdout.write(`Settings stored. ${r.reevaluated.length} open case(s) with changed obligations, ${r.replannedTasks} task(s) re-planned.\n`);
          for (const c of r.reevaluated) for (const ch of c.changes) io.stdout.write(`  case ${c.number}: ${ch.key} ${ch.from ?? 'new'} → ${ch.to}\n`);
        }
        return EXIT.OK;
      }),
    );
  },
};

export const clocksCommands: readonly Command[] = [evaluateCommand, explainCommand, dueCommand, settingsShowCommand, settingsSetCommand];
