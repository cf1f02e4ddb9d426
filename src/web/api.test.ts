import { describe, it, expect } from 'vitest';
import { ApiClient, ApiError, queryString, toProblem } from './api.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(responses: Array<{ status: number; body?: unknown; contentType?: string }>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    const text = next.body === undefined ? null : JSON.stringify(next.body);
    return new Response(text, { status: next.status, headers: { 'content-type': next.contentType ?? 'application/json' } });
  };
  return { fetch, calls };
}

const headers = (call: Call | undefined) => (call?.init?.headers ?? {}) as Record<string, string>;

describe('ApiClient', () => {
  it('sends the CSRF token from login on non-GET requests only, with same-origin credentials', async () => {
    const user = { id: 'u1', email: 'a@example.com', displayName: 'A' };
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { user, csrfToken: 'tok-1' } },
      { status: 200, body: { items: [] } },
      { status: 201, body: { id: 'r1', version: '1.0' } },
      { status: 204 },
    ]);
    const client = new ApiClient({ fetch });
    await client.login('a@example.com', 'pw');
    expect(headers(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ email: 'a@example.com', password: 'pw' });
    await client.listProducts();
    expect(headers(calls[1])['X-CSRF-Token']).toBeUndefined();
    expect(calls[1]?.init?.method).toBe('GET');
    const release = await client.createRelease('pump', { version: '1.0' });
    expect(release.id).toBe('r1');
    expect(calls[2]?.url).toBe('/api/products/pump/releases');
    expect(headers(calls[2])['X-CSRF-Token']).toBe('tok-1');
    expect(calls.every((c) => c.init?.credentials === 'same-origin')).toBe(true);
    await client.logout();
    expect(headers(calls[3])['X-CSRF-Token']).toBe('tok-1');
  });

  it('turns problem documents into ApiErrors carrying the code and errors[]', async () => {
    const problem = {
      type: 'https://vigil.dev/problems/validation',
      title: 'Validation failed',
      status: 422,
      detail: 'The product is not valid.',
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/name', message: 'must not be empty' }],
    };
    const { fetch } = fakeFetch([{ status: 422, body: problem, contentType: 'application/problem+json' }]);
    const client = new ApiClient({ fetch });
    const error = await client.createProduct({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).problem.errors).toEqual([{ path: '/name', message: 'must not be empty' }]);
  });

  it('reports an expired session through onUnauthorized, but not for the session check itself', async () => {
    const expired = { type: 'about:blank', title: 'Authentication required', status: 401, code: 'AUTH_REQUIRED' };
    const { fetch } = fakeFetch([
      { status: 401, body: expired },
      { status: 401, body: expired },
    ]);
    let signedOut = 0;
    const client = new ApiClient({ fetch, onUnauthorized: () => (signedOut += 1) });
    await expect(client.session()).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(signedOut).toBe(0);
    await expect(client.listProducts()).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(signedOut).toBe(1);
  });

  it('passes component search, sort and paging to the server and leaves out empty parameters', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: { items: [], total: 0, offset: 100, limit: 50 } }]);
    const client = new ApiClient({ fetch });
    await client.listComponents('rel 1', { q: '  openssl ', sort: 'license', order: 'desc', offset: 100, limit: 50 });
    expect(calls[0]?.url).toBe('/api/releases/rel%201/components?q=openssl&sort=license&order=desc&offset=100&limit=50');
  });

  it('maps network failures to a NETWORK_ERROR problem', async () => {
    const client = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.health()).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});

describe('toProblem', () => {
  it('invents a problem for a non-problem error body', () => {
    expect(toProblem(502, 'Bad Gateway', '<html>')).toMatchObject({ status: 502, code: 'HTTP_ERROR', title: 'Bad Gateway' });
    expect(toProblem(404, '', undefined)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('queryString', () => {
  it('drops undefined, null and empty values', () => {
    expect(queryString({ a: 'x y', b: undefined, c: null, d: '', e: 0 })).toBe('?a=x+y&e=0');
    expect(queryString({})).toBe('');
  });
});

describe('ApiClient intelligence calls', () => {
  it('sends only the vulnerability filters that are set, booleans as "true"', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { items: [], total: 0 } },
      { status: 200, body: { items: [], total: 0 } },
    ]);
    const client = new ApiClient({ fetch });
    await client.listVulnerabilities({ q: ' CVE-2021-23337 ', source: 'osv', kev: true, includeWithdrawn: false, offset: 50, limit: 25 });
    expect(calls[0]?.url).toBe('/api/vulnerabilities?q=CVE-2021-23337&source=osv&kev=true&offset=50&limit=25');
    await client.listVulnerabilities({ includeWithdrawn: true });
    expect(calls[1]?.url).toBe('/api/vulnerabilities?includeWithdrawn=true');
  });

  it('escapes identifiers in the vulnerability path and reports 404 with its code', async () => {
    const { fetch, calls } = fakeFetch([{ status: 404, body: { type: 'about:blank', title: 'Not found', status: 404, code: 'VULNERABILITY_NOT_FOUND' } }]);
    const client = new ApiClient({ fetch });
    await expect(client.getVulnerability('PYSEC-2021/1')).rejects.toMatchObject({ status: 404, code: 'VULNERABILITY_NOT_FOUND' });
    expect(calls[0]?.url).toBe('/api/vulnerabilities/PYSEC-2021%2F1');
  });

  it('starts a feed sync with a CSRF-protected POST and surfaces FEED_SYNC_RUNNING', async () => {
    const user = { id: 'u1', email: 'a@example.com', displayName: 'A' };
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { user, csrfToken: 'tok-9' } },
      { status: 202, body: { jobId: 'job-1' } },
      { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, code: 'FEED_SYNC_RUNNING' } },
    ]);
    const client = new ApiClient({ fetch });
    await client.session();
    await expect(client.syncFeed('osv')).resolves.toEqual({ jobId: 'job-1' });
    expect(calls[1]?.url).toBe('/api/feeds/osv/sync');
    expect(calls[1]?.init?.method).toBe('POST');
    expect(headers(calls[1])['X-CSRF-Token']).toBe('tok-9');
    await expect(client.syncFeed('osv')).rejects.toMatchObject({ status: 409, code: 'FEED_SYNC_RUNNING' });
  });
});

describe('findings requests', () => {
  it('puts only the non-default filters into the three findings URLs', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { items: [], total: 0, counts: { active: 0, affected: 0, indeterminate: 0, inactive: 0 } } },
      { status: 200, body: { items: [], total: 0 } },
      { status: 200, body: { items: [], total: 0 } },
    ]);
    const client = new ApiClient({ fetch });
    const page = await client.listReleaseFindings('r/1', { state: 'active', offset: 0, limit: 50 });
    expect(page.counts.active).toBe(0);
    expect(calls[0]?.url).toBe('/api/releases/r%2F1/findings?offset=0&limit=50');
    await client.listFindings({ state: 'inactive', status: 'indeterminate', confidence: 'low', kev: true, minCvss: 7, q: ' log4j ' });
    expect(calls[1]?.url).toBe('/api/findings?state=inactive&status=indeterminate&confidence=low&kev=true&minCvss=7&q=log4j');
    await client.listAffected('CVE-2024-1', { state: 'all', kev: false });
    expect(calls[2]?.url).toBe('/api/vulnerabilities/CVE-2024-1/affected?state=all');
  });
});

describe('ApiClient: cases and the deadline board', () => {
  it('calls the case routes with the CSRF token on writes and the board filters in the query string', async () => {
    const user = { id: 'u1', email: 'a@example.com', displayName: 'A' };
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { user, csrfToken: 'tok-9' } },
      { status: 200, body: { items: [{ id: 'c1', number: 3 }] } },
      { status: 201, body: { id: 'c2', number: 4 } },
      { status: 200, body: { id: 'c2', number: 4, changed: 2 } },
      { status: 200, body: { id: 'o1', status: 'fulfilled' } },
      { status: 200, body: { id: 'o2', status: 'not-applicable' } },
      { status: 200, body: { now: '2026-11-29T00:00:00Z', items: [] } },
      { status: 200, body: { now: '2026-11-29T00:00:00Z', items: [] } },
    ]);
    const client = new ApiClient({ fetch });
    await client.login('a@example.com', 'pw');
    expect((await client.listCases('closed'))[0]?.number).toBe(3);
    expect(calls[1]?.url).toBe('/api/cases?status=closed');
    await client.openCase({ title: 'T', kind: 'vulnerability', findingId: '74' });
    expect(calls[2]?.url).toBe('/api/cases');
    expect(JSON.parse(String(calls[2]?.init?.body))).toEqual({ title: 'T', kind: 'vulnerability', findingId: '74' });
    expect(headers(calls[2])['X-CSRF-Token']).toBe('tok-9');
    await client.setCaseFacts('4', { events: { correctionInitiated: { at: '2026-11-28T08:00', zone: 'America/New_York' } } }, 'call with the lead');
    expect(calls[3]?.url).toBe('/api/cases/4/facts');
    expect(JSON.parse(String(calls[3]?.init?.body))).toEqual({ facts: { events: { correctionInitiated: { at: '2026-11-28T08:00', zone: 'America/New_York' } } }, note: 'call with the lead' });
    await client.fulfilObligation('c2', 'fda-806-report', { at: '2026-11-29T10:00:00.000Z', reference: 'R-1', document: { name: 'a b.pdf', contentBase64: 'AA==' } });
    expect(calls[4]?.url).toBe('/api/cases/c2/obligations/fda-806-report/fulfil');
    expect(calls[4]?.init?.method).toBe('POST');
    await client.markNotApplicable('c2', 'fda-524b#1', { justification: 'not reachable from any network', password: 'pw' });
    expect(calls[5]?.url).toBe('/api/cases/c2/obligations/fda-524b%231/not-applicable');
    expect(headers(calls[5])['X-CSRF-Token']).toBe('tok-9');
    await client.deadlineBoard();
    expect(calls[6]?.url).toBe('/api/obligations?limit=1000');
    await client.deadlineBoard('overdue', 50);
    expect(calls[7]?.url).toBe('/api/obligations?state=overdue&limit=50');
  });
});

describe('ApiClient: case lifecycle, tasks, settings and notifications', () => {
  it('builds the lifecycle requests: methods, paths and bodies', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: { id: 'c1', replanned: 2 } },
      { status: 200, body: { links: [] } },
      { status: 200, body: { id: 't1' } },
      { status: 200, body: { now: 'x', items: [] } },
      { status: 201, body: { items: [{ id: 't1' }] } },
      { status: 200, body: { id: 'n1', state: 'pending' } },
      { status: 200, body: { items: [] } },
    ]);
    const client = new ApiClient({ fetch });
    expect((await client.setCaseSeverity('7', 'critical')).replanned).toBe(2);
    expect(calls[0]?.init?.method).toBe('PATCH');
    expect(calls[0]?.url).toBe('/api/cases/7');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ severity: 'critical' });
    await client.removeCaseLink('c1', { type: 'release', id: 'r/1' });
    expect(calls[1]?.init?.method).toBe('DELETE');
    expect(calls[1]?.url).toBe('/api/cases/c1/links/release/r%2F1');
    await client.updateCaseTask('c1', 't1', { assigneeId: null, dueAt: null });
    expect(JSON.parse(String(calls[2]?.init?.body))).toEqual({ assigneeId: null, dueAt: null });
    await client.listTasks({ assignee: 'me', state: 'open' });
    expect(calls[3]?.url).toBe('/api/tasks?assignee=me&state=open');
    expect((await client.applyPlaybook('c1', 'vulnerability-response')).map((t) => t.id)).toEqual(['t1']);
    expect(JSON.parse(String(calls[4]?.init?.body))).toEqual({ playbook: 'vulnerability-response' });
    await client.retryNotification('n1');
    expect(calls[5]?.url).toBe('/api/notifications/n1/retry');
    expect(JSON.parse(String(calls[5]?.init?.body))).toEqual({});
    await client.listNotifications('dead', 50);
    expect(calls[6]?.url).toBe('/api/notifications?state=dead&limit=50');
    expect(client.caseDocumentUrl('c1', 'd 1')).toBe('/api/cases/c1/documents/d%201');
  });

  it('carries the open obligations of a refused close in the ApiError', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'CASE_OBLIGATIONS_OPEN',
      errors: [{ path: 'obligations.fda-806-report', message: 'overdue, due 2026-03-01T04:59:59.999Z' }],
    };
    const { fetch, calls } = fakeFetch([{ status: 409, body: problem, contentType: 'application/problem+json' }]);
    const client = new ApiClient({ fetch });
    const error = (await client.closeCase('c1', { resolution: 'done' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('CASE_OBLIGATIONS_OPEN');
    expect(error.problem.errors).toEqual(problem.errors);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ resolution: 'done' });
  });
});
