import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { PermanentDeliveryError } from '../app/ports.ts';
import { notificationSenders, notificationSettings, permanentHttpStatus, permanentSmtpRefusal, secretRedactor, SIGNATURE_HEADER, webhookSender, webUrlOf } from './notifications.ts';

const base = loadConfig({ env: {}, cwd: '/srv/vigil' });

describe('notification wiring', () => {
  it('builds the reminder settings and rejects a fraction outside (0, 1)', () => {
    const s = notificationSettings(base);
    expect(s.policy).toEqual({ fractions: [0.5, 0.8], beforeDueHours: [24], overdueRepeatHours: 24, overdueMaxRepeats: 7 });
    expect(s).toMatchObject({ emailEnabled: false, webhookUrl: null, webUrl: 'http://localhost:8080', roles: ['lead', 'regulatory'], maxAttempts: 8 });
    expect(() => notificationSettings({ ...base, notifyReminderFractions: ['.0'] })).toThrow(/between 0 and 1/);
    expect(s.taskPolicy).toEqual({ beforeDueHours: [24], overdueRepeatHours: 24, overdueMaxRepeats: 7 });
    expect(notificationSettings({ ...base, notifyTaskBeforeDueHours: ['48', '4'], notifyTaskOverdueRepeatHours: 0 }).taskPolicy).toEqual({ beforeDueHours: [48, 4], overdueRepeatHours: 0, overdueMaxRepeats: 7 });
    expect(webUrlOf({ ...base, publicUrl: 'https://vigil.example.com/' })).toBe('https://vigil.example.com');
    expect(() => notificationSenders({ ...base, webhookUrl: 'ftp://user:pw@example.com/x' })).toThrow(/webhookUrl: 'ftp:\/\/user:\*\*\*@example.com\/x' is not an http\(s\) URL/);
  });

  it('masks the SMTP password, the webhook secret and URL credentials', () => {
    const redact = secretRedactor({ ...base, smtpPassword: 'pa55word', webhookSecret: 'whsec_abc' });
    expect(redact('AUTH failed for pa55word; signed with whsec_abc; https://bob:hunter2@hooks.example/x')).toBe('AUTH failed for ***; signed with ***; https://bob:***@hooks.example/x');
  });

  it('signs the exact body it posts', async () => {
    let got: { body: string; signature: string | undefined } | null = null;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        got = { body, signature: req.headers[SIGNATURE_HEADER] as string | undefined };
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await webhookSender({ ...base, webhookSecret: 's3cret' }).send({ id: 'n1', channel: 'webhook', target: url, subject: 'S', body: 'B', payload: { type: 'obligation.reminder', point: 'p50' } });
      expect(JSON.parse(got!.body)).toEqual({ id: 'n1', type: 'obligation.reminder', subject: 'S', data: { type: 'obligation.reminder', point: 'p50' } });
      expect(got!.signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(got!.body).digest('hex')}`);
      // Without a secret, no signature header.
      await webhookSender(base).send({ id: 'n2', channel: 'webhook', target: url, subject: 'S', body: 'B', payload: {} });
      expect(got!.signature).toBeUndefined();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('permanent refusals', () => {
  it('HTTP: 4xx other than 408 and 429 is permanent; 5xx, 408, 429 and 3xx are retried', () => {
    expect([400, 401, 403, 404, 410, 413, 422].filter(permanentHttpStatus)).toEqual([400, 401, 403, 404, 410, 413, 422]);
    expect([301, 302, 408, 429, 500, 502, 503, 504].filter(permanentHttpStatus)).toEqual([]);
  });

  it('SMTP: a 5xx reply to the message is permanent, with the reply; 4xx, a refused login and connection errors are not', () => {
    const rcpt = permanentSmtpRefusal(Object.assign(new Error('Recipient command failed: 550 5.1.1 No such user'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' }));
    expect(rcpt).toBeInstanceOf(PermanentDeliveryError);
    expect(rcpt!.message).toBe('the mail server refused the message permanently (RCPT TO): 550 5.1.1 No such user');
    expect(permanentSmtpRefusal({ code: 'EMESSAGE', responseCode: 554, response: '554 Message rejected', command: 'DATA' })!.message).toBe('the mail server refused the message permanently (DATA): 554 Message rejected');
    expect(permanentSmtpRefusal({ code: 'EENVELOPE', responseCode: 553, response: '553 sender not allowed', command: 'MAIL FROM' })).toBeNull();
    expect(permanentSmtpRefusal({ code: 'EENVELOPE', responseCode: 451, response: '451 try later', command: 'RCPT TO' })).toBeNull();
    expect(permanentSmtpRefusal({ code: 'EAUTH', responseCode: 535, response: '535 Invalid credentials', command: 'AUTH PLAIN' })).toBeNull();
    expect(permanentSmtpRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBeNull();
    expect(permanentSmtpRefusal(undefined)).toBeNull();
  });
});
