/**
 * Notification wiring: the reminder settings from the configuration, and the two channels —
 * SMTP through nodemailer and a signed JSON webhook — as senders for the delivery worker.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { DeliverDeps, NotificationSettings } from '../app/notifications.ts';
import { PermanentDeliveryError, type NotificationChannel, type NotificationSender } from '../app/ports.ts';
import type { VigilConfig } from '../config/config.ts';
import { VigilError } from '../domain/errors.ts';
import { checkPolicy } from '../domain/notify/reminders.ts';
import { checkTaskPolicy } from '../domain/notify/task-reminders.ts';
import type { Runtime } from './runtime.ts';

/** The signature header: `sha256=` + hex HMAC-SHA256 of the raw body with the webhook secret. */
export const SIGNATURE_HEADER = 'x-vigil-signature-256';

export function webUrlOf(config: VigilConfig): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host}:${config.port}`;
}

export function notificationSettings(config: VigilConfig): NotificationSettings {
  const policy = checkPolicy({
    fractions: config.notifyReminderFractions.map(Number),
    beforeDueHours: config.notifyBeforeDueHours.map(Number),
    overdueRepeatHours: config.notifyOverdueRepeatHours,
    overdueMaxRepeats: config.notifyOverdueMaxRepeats,
  });
  const taskPolicy = checkTaskPolicy({
    beforeDueHours: config.notifyTaskBeforeDueHours.map(Number),
    overdueRepeatHours: config.notifyTaskOverdueRepeatHours,
    overdueMaxRepeats: config.notifyTaskOverdueMaxRepeats,
  });
  return {
    policy,
    taskPolicy,
    roles: config.notifyRoles,
    escalationEmails: config.notifyEscalationEmails,
    emailEnabled: Boolean(config.smtpHost),
    webhookUrl: config.webhookUrl,
    webUrl: webUrlOf(config),
    maxAttempts: config.notifyMaxAttempts,
    retryBaseSeconds: config.notifyRetryBaseSeconds,
    // A claimed message is retried by another worker once an attempt has surely timed out.
    leaseSeconds: Math.max(60, config.notifyTimeoutSeconds * 4),
  };
}

/** Masks the configured secrets (and URL credentials) in text bound for storage or logs. */
export function secretRedactor(config: VigilConfig): (text: string) => string {
  const secrets = [config.smtpPassword, config.webhookSecret].filter((s): s is string => Boolean(s) && s!.length >= 3);
  return (text) => {
    let out = text.replace(/(\w+:\/\/)([^:@/\s]+):[^@/\s]*@/g, '$1$2:***@');
    for (const s of secrets) out = out.split(s).join('***');
    return out;
  };
}

export function smtpSender(config: VigilConfig): NotificationSender {
  const timeout = config.notifyTimeoutSeconds * 1000;
  const transport = nodemailer.createTransport({
    host: config.smtpHost!,
    port: config.smtpPort,
    secure: config.smtpSecurity === 'tls',
    requireTLS: config.smtpSecurity === 'starttls',
    ignoreTLS: config.smtpSecurity === 'none',
    ...(config.smtpUser ? { auth: { user: config.smtpUser, pass: config.smtpPassword ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: config.smtpFrom!,
          to: m.target,
          subject: m.subject,
          text: m.body,
          // Stable per notification: a retried message carries the same id, so mail systems can de-duplicate.
          messageId: `<${m.id}@vigil.notifications>`,
          headers: { 'X-Vigil-Notification': m.id },
        });
      } catch (err) {
        const refusal = permanentSmtpRefusal(err);
        throw refusal ?? err;
      }
    },
  };
}

/**
 * A 5xx reply of the SMTP server to the recipient or the message (RCPT TO, DATA: "550 mailbox
 * unavailable", "554 rejected") as a permanent failure with the server's reply; null for anything
 * else. 4xx replies are temporary. A refused login (EAUTH), a refused sender (MAIL FROM: the
 * configured VIGIL_SMTP_FROM) or a connection problem is the set-up's fault, not the message's:
 * it stays retried, so that fixing the configuration lets the waiting messages go.
 */
export function permanentSmtpRefusal(err: unknown): PermanentDeliveryError | null {
  const e = err as { code?: string; responseCode?: number; response?: string; command?: string; message?: string };
  if (typeof e?.responseCode !== 'number' || e.responseCode < 500 || e.responseCode > 599) return null;
  if ((e.code !== 'EENVELOPE' && e.code !== 'EMESSAGE') || (e.command !== 'RCPT TO' && e.command !== 'DATA')) return null;
  const reply = String(e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
  return new PermanentDeliveryError(`the mail server refused the message permanently${e.command ? ` (${e.command})` : ''}: ${reply}`);
}

/** HTTP statuses that retrying can change: 408 Request Timeout, 429 Too Many Requests, 5xx. Other 4xx are permanent. */
export function permanentHttpStatus(status: number): boolean {
  return status >= 400 && status <= 499 && status !== 408 && status !== 429;
}

const version = '1';

export function webhookSender(config: VigilConfig): NotificationSender {
  const timeout = config.notifyTimeoutSeconds * 1000;
  return {
    async send(m) {
      const payload = (m.payload ?? {}) as { type?: string };
      const body = JSON.stringify({ id: m.id, type: payload.type ?? 'notification', subject: m.subject, data: m.payload });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': `Vigil-Webhook/${version}`,
        'x-vigil-delivery': m.id,
        'x-vigil-event': payload.type ?? 'notification',
      };
      if (config.webhookSecret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', config.webhookSecret).update(body).digest('hex')}`;
      let res: Response;
      try {
        res = await fetch(m.target, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeout) });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        if (e.name === 'TimeoutError') throw new Error(`the webhook did not answer within ${config.notifyTimeoutSeconds} s`);
        throw new Error(`the webhook request failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
      }
      const text = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
      if (res.status < 200 || res.status > 299) {
        const why = `the webhook answered HTTP ${res.status}${text ? `: ${text}` : ''}`;
        throw permanentHttpStatus(res.status) ? new PermanentDeliveryError(`${why} (permanent: not retried)`) : new Error(why);
      }
    },
  };
}

export function notificationSenders(config: VigilConfig): Partial<Record<NotificationChannel, NotificationSender>> {
  if (config.webhookUrl) {
    try {
      const u = new URL(config.webhookUrl);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw new VigilError('CONFIG_INVALID', `webhookUrl: '${secretRedactor(config)(config.webhookUrl)}' is not an http(s) URL`, { key: 'webhookUrl' });
    }
  }
  return {
    ...(config.smtpHost ? { email: smtpSender(config) } : {}),
    ...(config.webhookUrl ? { webhook: webhookSender(config) } : {}),
  };
}

/** What the scan and delivery use cases need, from a runtime. */
export function notifyDeps(rt: Runtime, senders = notificationSenders(rt.config)): DeliverDeps {
  return { uow: rt.uow, clock: rt.clock, ids: rt.ids, notify: notificationSettings(rt.config), senders, redact: secretRedactor(rt.config) };
}
