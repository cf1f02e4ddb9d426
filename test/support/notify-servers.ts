/** A real SMTP server (smtp-server) and a local HTTP server that receive notifications in tests. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  raw: string;
}

/** RFC 2047 encoded words (Q and B). */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset: string, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text = cte === 'quoted-printable' ? decodeQuotedPrintable(body) : cte === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { ...envelope, headers, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n'), raw };
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Logins tried: user and password. */
  logins: Array<{ user: string; password: string }>;
  /** Rejects RCPT TO for an address: 451 (temporary) `times` times, or 550 forever with times = Infinity. */
  reject(address: string, code: 451 | 550, times: number): void;
  /** Every RCPT refused, in order. */
  refused: string[];
  /** Forgets received mail, logins and planned refusals. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(opts: { user: string; password: string }): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const logins: TestSmtpServer['logins'] = [];
  const refused: string[] = [];
  const rejects = new Map<string, { code: number; left: number }>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      if (auth.username === opts.user && auth.password === opts.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      const r = rejects.get(address.address.toLowerCase());
      if (r && r.left > 0) {
        r.left -= 1;
        refused.push(`${r.code} ${address.address}`);
        return cb(Object.assign(new Error(r.code === 451 ? 'Mailbox busy, try again later' : 'No such user here'), { responseCode: r.code }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
        mails.push(parseMail(Buffer.concat(chunks).toString('latin1'), envelope));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    logins,
    refused,
    reject(address, code, times) {
      rejects.set(address.toLowerCase(), { code, left: times });
    },
    reset() {
      mails.length = 0;
      logins.length = 0;
      refused.length = 0;
      rejects.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface TestWebhookServer {
  url: string;
  requests: ReceivedHook[];
  /** Answers `status` to the next `times` requests (Infinity: until told otherwise). */
  failNext(times: number, status?: number): void;
  /** Answers the next request only after `ms` (a slow endpoint). */
  delayNext(ms: number): void;
  /** Forgets requests and planned failures. */
  reset(): void;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<TestWebhookServer> {
  const requests: ReceivedHook[] = [];
  let failLeft = 0;
  let failStatus = 500;
  let delay = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failLeft > 0 ? failStatus : 204;
      if (failLeft > 0) failLeft -= 1;
      const wait = delay;
      delay = 0;
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      setTimeout(() => {
        res.statusCode = status;
        res.end(status >= 300 ? 'upstream exploded' : undefined);
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/vigil`,
    requests,
    failNext(times, status = 500) {
      failLeft = times;
      failStatus = status;
    },
    delayNext(ms) {
      delay = ms;
    },
    reset() {
      requests.length = 0;
      failLeft = 0;
      delay = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
