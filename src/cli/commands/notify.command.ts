/** `vigil notify list|test`: the notification outbox and a test message over a configured channel. */
import { listNotifications, sendTestNotification } from '../../app/notifications.ts';
import type { NotificationState } from '../../app/ports.ts';
import { notificationSenders, notificationSettings, secretRedactor } from '../../runtime/notifications.ts';
import { systemClock, randomIds } from '../../runtime/runtime.ts';
import { isVigilError } from '../../domain/errors.ts';
import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { configFrom, dbOptions, dbOptionsHelp, parse, table, withRuntime, writeJson } from '../context.ts';

/** Prints a VigilError as `error CODE: message`; configuration problems exit 2, delivery failures 3. */
async function reportErrors(io: CliIo, json: boolean, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (!isVigilError(err)) throw err;
    io.stderr.write(`error ${err.code}: ${err.message}\n`);
    if (json) writeJson(io, { ok: false, code: err.code, message: err.message });
    return err.code === 'NOTIFY_SEND_FAILED' ? EXIT.FAILURE : EXIT.USAGE;
  }
}

const states: readonly NotificationState[] = ['pending', 'delivered', 'dead', 'cancelled'];

const notifyList: Command = {
  path: ['notify', 'list'],
  summary: 'List the notification outbox (reminders and escalations), newest first',
  help: `Usage: vigil notify list [--state pending|delivered|dead|cancelled] [--limit N] [--json]

Every reminder and escalation Vigil decided to send (obligations and case tasks), one row per
recipient and channel, with its delivery state, attempts and last error. Dead notifications
(every attempt failed, or the server refused permanently: SMTP 5xx, HTTP 4xx) stay listed until
retried (POST /api/notifications/{id}/retry). Cancelled ones were not sent because the obligation
was settled (fulfilled, not applicable, case closed), the task done or skipped, or the deadline
moved first.

Options:
  --state S     pending, delivered, dead or cancelled (default: all)
  --limit N     at most N rows (default 100)
  --json        print the rows as JSON

Exit codes: 0 listed · 2 usage error · 3 failure

${dbOptionsHelp}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...dbOptions, state: { type: 'string' }, limit: { type: 'string' } }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.state && !states.includes(values.state as NotificationState)) throw new UsageError(`--state must be one of ${states.join(', ')}`);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit must be a whole number from 1 to 10000');
    const cfg = configFrom(io, values);
    return withRuntime(cfg, async (rt) => {
      const redact = secretRedactor(cfg);
      const items = (await listNotifications(rt, { ...(values.state ? { state: values.state as NotificationState } : {}), limit })).map((n) => ({ ...n, target: redact(n.target) }));
      if (values.json) writeJson(io, { items });
      else if (!items.length) io.stdout.write('No notifications.\n');
      else {
        io.stdout.write(table(items.map((n) => ({ ...n, created: n.createdAt.slice(0, 16).replace('T', ' '), error: n.lastError ?? '' })), [
          ['created', 'CREATED'], ['state', 'STATE'], ['channel', 'CHANNEL'], ['target', 'TARGET'], ['attempts', 'ATTEMPTS'], ['subject', 'SUBJECT'], ['error', 'LAST ERROR'],
        ]));
      }
      return EXIT.OK;
    });
  },
};

const notifyTest: Command = {
  path: ['notify', 'test'],
  summary: 'Send a test e-mail or webhook now, to check the notification settings',
  help: `Usage: vigil notify test (--email ADDRESS | --webhook) [--json]

Sends one test message at once over the configured channel (VIGIL_SMTP_* or VIGIL_WEBHOOK_*),
without the outbox, and reports the server's error if it fails. Needs no database.

Options:
  --email ADDRESS   send a test e-mail to ADDRESS
  --webhook         post a signed test event to VIGIL_WEBHOOK_URL
  --config FILE     JSON config file (same as VIGIL_CONFIG)
  --json            print the result as JSON

Exit codes: 0 sent · 2 usage error or channel not configured · 3 the server refused or did not answer`,
  async run(args, io) {
    const { values, positionals } = parse(args, { config: { type: 'string' }, json: { type: 'boolean', default: false }, email: { type: 'string' }, webhook: { type: 'boolean', default: false } }, true);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (Boolean(values.email) === values.webhook) throw new UsageError('give exactly one of --email ADDRESS or --webhook');
    if (values.email && !/^[^\s@]+@[^\s@]+$/.test(values.email)) throw new UsageError(`--email '${values.email}' is not an e-mail address`);
    return reportErrors(io, values.json, async () => {
      const cfg = configFrom(io, values);
      const deps = { clock: systemClock, ids: randomIds, senders: notificationSenders(cfg), redact: secretRedactor(cfg), notify: notificationSettings(cfg) };
      const r = await sendTestNotification(deps, values.webhook ? 'webhook' : 'email', values.email ?? null);
      if (values.json) writeJson(io, { ok: true, ...r, target: r.channel === 'webhook' ? deps.redact(r.target) : r.target });
      else io.stdout.write(`Test ${r.channel === 'email' ? 'e-mail' : 'webhook'} delivered to ${deps.redact(r.target)}.\n`);
      return EXIT.OK;
    });
  },
};

export const notifyCommands: readonly Command[] = [notifyList, notifyTest];
