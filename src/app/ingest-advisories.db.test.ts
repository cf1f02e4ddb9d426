import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { ingestBatch, runSync, type IngestBatch } from './ingest-advisories.ts';

function adv(source: Advisory['source'], id: string, aliases: string[], extra: Partial<Advisory> = {}): Advisory {
  return {
    source,
    id,
    aliases,
    related: [],
    summary: `summary of ${id}`,
    details: null,
    published: '2024-01-01T00:00:00Z',
    modified: '2024-02-01T00:00:00Z',
    withdrawn: null,
    affected: [{ purl: 'pkg:npm/lodash', ecosystem: 'npm', name: 'lodash', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }], versions: [], fixedVersions: ['4.17.21'] }],
    cpeConfigurations: [],
    csafProducts: [],
    severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL', source: null }],
    cwes: [],
    references: [],
    credits: [],
    ...extra,
  };
}

let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.close());

const deps = () => ({ uow: t.rt.uow, clock: t.clock });

describe('advisory ingest', () => {
  it('groups views of one vulnerability across sources and batches, transitively', async () => {
    await ingestBatch(deps(), 'osv', { advisories: [adv('ghsa', 'GHSA-aaaa', ['CVE-2024-0001'])], watermark: 1 }, { commitWatermark: true });
    await ingestBatch(deps(), 'nvd', { advisories: [adv('nvd', 'CVE-2024-0001', [])], watermark: 'w1' }, { commitWatermark: true });
    await ingestBatch(deps(), 'osv', { advisories: [adv('osv', 'PYSEC-2024-9', ['GHSA-bbbb'])], watermark: 2 }, { commitWatermark: true });
    let counts = await t.rt.uow.read((s) => s.advisories.counts());
    expect(counts).toMatchObject({ advisories: 3, groups: 2, identifiers: 4 });
    // A record naming both bridges the two groups into one.
    const r = await ingestBatch(deps(), 'osv', { advisories: [adv('osv', 'OSV-2024-7', ['GHSA-bbbb', 'CVE-2024-0001'])], watermark: 3 }, { commitWatermark: true });
    expect(r.touchedGroups).toHaveLength(1);
    counts = await t.rt.uow.read((s) => s.advisories.counts());
    expect(counts).toMatchObject({ advisories: 4, groups: 1, identifiers: 5 });
    const g = await t.rt.uow.read((s) => s.advisories.findGroup('pysec-2024-9'));
    expect(g).toMatchObject({ primaryId: 'CVE-2024-0001', identifiers: ['CVE-2024-0001', 'GHSA-aaaa', 'GHSA-bbbb', 'OSV-2024-7', 'PYSEC-2024-9'], sources: ['ghsa', 'nvd', 'osv'], maxCvss: 9.8 });
    expect(g!.advisories.map((a) => `${a.source}:${a.id}`)).toEqual(['ghsa:GHSA-aaaa', 'nvd:CVE-2024-0001', 'osv:OSV-2024-7', 'osv:PYSEC-2024-9']);
    const { rows } = await t.rt.db.query<{ package_key: string }>(`SELECT DISTINCT package_key FROM advisory_packages`);
    expect(rows.map((x) => x.package_key)).toEqual(['pkg:npm/lodash']);
  });

  it('skips unchanged records, keeps history of changed ones, marks withdrawn ones without deleting', async () => {
    const same = await ingestBatch(deps(), 'nvd', { advisories: [adv('nvd', 'CVE-2024-0001', [])], watermark: 'w2' }, { commitWatermark: true });
    expect(same).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const changed = await ingestBatch(deps(), 'nvd', { advisories: [adv('nvd', 'CVE-2024-0001', [], { modified: '2024-03-01T00:00:00Z', withdrawn: '2024-03-01T00:00:00Z' })], watermark: 'w3' }, { commitWatermark: true });
    expect(changed).toMatchObject({ updated: 1 });
    const g = await t.rt.uow.read((s) => s.advisories.findGroup('CVE-2024-0001'));
    const nvd = g!.advisories.find((a) => a.source === 'nvd')!;
    expect(nvd.withdrawn).toBe('2024-03-01T00:00:00.000Z');
    expect(nvd.revisions).toEqual([{ modified: '2024-02-01T00:00:00.000Z', replacedAt: expect.any(String) }]);
    expect(g!.withdrawn).toBe(false); // other sources still stand
    expect((await t.rt.uow.read((s) => s.feeds.get('nvd')))!.watermark).toBe('w3');
  });

  it('flags KEV and keeps EPSS history with the latest score', async () => {
    await ingestBatch(deps(), 'kev', {
      kev: [{ cveId: 'CVE-2024-0001', vendorProject: 'x', product: 'y', vulnerabilityName: 'n', dateAdded: '2024-04-01', shortDescription: '', requiredAction: '', dueDate: '2024-04-22', knownRansomwareCampaignUse: 'Known', notes: '', cwes: [] }],
      watermark: 'kev-1',
    }, { commitWatermark: true });
    await ingestBatch(deps(), 'epss', { epss: [{ cve: 'CVE-2024-0001', epss: 0.5, percentile: 0.9, date: '2024-04-02' }], watermark: '2024-04-02' }, { commitWatermark: true });
    await ingestBatch(deps(), 'epss', { epss: [{ cve: 'CVE-2024-0001', epss: 0.7, percentile: 0.95, date: '2024-04-03' }], watermark: '2024-04-03' }, { commitWatermark: true });
    await ingestBatch(deps(), 'epss', { epss: [{ cve: 'CVE-2024-0001', epss: 0.1, percentile: 0.2, date: '2024-04-01' }], watermark: '2024-04-01' }, { commitWatermark: false });
    const g = await t.rt.uow.read((s) => s.advisories.findGroup('GHSA-aaaa'));
    expect(g!.kev).toEqual({ dateAdded: '2024-04-01', dueDate: '2024-04-22', ransomware: true });
    expect(g!.epss).toEqual({ epss: 0.7, percentile: 0.95, date: '2024-04-03' });
    expect(g!.epssHistory.map((e) => e.date)).toEqual(['2024-04-01', '2024-04-02', '2024-04-03']);
    const list = await t.rt.uow.read((s) => s.advisories.listGroups({ kev: true, offset: 0, limit: 10 }));
    expect(list.items.map((i) => i.primaryId)).toEqual(['CVE-2024-0001']);
  });

  it('resumes a killed sync from the last committed batch and ends in the same state', async () => {
    const records = Array.from({ length: 9 }, (_, i) => adv('osv', `OSV-R-${i}`, i % 3 === 0 ? [`CVE-2025-${1000 + i}`] : []));
    async function* batches(from: unknown, crashAfter: number | null): AsyncGenerator<IngestBatch> {
      const start = typeof from === 'number' ? from : 0;
      for (let i = start; i < records.length; i += 3) {
        if (crashAfter !== null && i >= crashAfter) throw new Error('killed');
        yield { advisories: records.slice(i, i + 3), watermark: i + 3, progress: { done: i + 3, total: records.length } };
      }
    }
    await expect(runSync(deps(), { source: 'osv-resume', batches: (w) => batches(w, 6) })).rejects.toThrow('killed');
    const mid = await t.rt.uow.read((s) => s.feeds.get('osv-resume'));
    expect(mid).toMatchObject({ status: 'failed', watermark: 6, lastError: 'killed', recordsTotal: 6 });
    const seen: unknown[] = [];
    const total = await runSync(deps(), { source: 'osv-resume', batches: (w) => (seen.push(w), batches(w, null)) });
    expect(seen).toEqual([6]);
    expect(total).toMatchObject({ advisories: 3, inserted: 3 });
    const { rows } = await t.rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM advisories WHERE advisory_id LIKE 'OSV-R-%'`);
    expect(rows[0]!.n).toBe(9);
    expect(await t.rt.uow.read((s) => s.feeds.get('osv-resume'))).toMatchObject({ status: 'idle', watermark: 9, recordsTotal: 9 });
  });

  it('records problems and goes on', async () => {
    await ingestBatch(deps(), 'osv', { advisories: [adv('osv', 'OSV-OK-1', [])], problems: [{ source: 'osv', id: 'OSV-BAD-1', location: 'npm/all.zip:OSV-BAD-1.json', reason: '$.affected[0].ranges[0].type: must be one of SEMVER, ECOSYSTEM, GIT' }], watermark: 4 }, { commitWatermark: true });
    const problems = await t.rt.uow.read((s) => s.feeds.recentProblems('osv', 5));
    expect(problems[0]).toMatchObject({ recordId: 'OSV-BAD-1', reason: expect.stringContaining('ranges[0].type') });
    expect(await t.rt.uow.read((s) => s.advisories.findGroup('OSV-OK-1'))).not.toBeNull();
  });
});

describe('internal advisories', () => {
  it('are recorded with the same model, join alias groups, keep revisions and are audited', async () => {
    const { recordInternalAdvisory } = await import('./vulnerabilities.ts');
    const actor = { kind: 'user' as const, id: 'u', label: 'psirt@example.com' };
    const a = adv('internal', 'VIGIL-2026-0001', ['CVE-2024-0001'], { summary: 'Found in our pump firmware review' });
    const first = await recordInternalAdvisory({ uow: t.rt.uow, clock: t.clock }, actor, a, { id: a.id }, 'PSIRT review');
    expect(first).toMatchObject({ created: true, primaryId: 'CVE-2024-0001' });
    const again = await recordInternalAdvisory({ uow: t.rt.uow, clock: t.clock }, actor, { ...a, modified: '2024-05-01T00:00:00Z', summary: 'Revised' }, { id: a.id }, null);
    expect(again.created).toBe(false);
    const g = await t.rt.uow.read((s) => s.advisories.findGroup('VIGIL-2026-0001'));
    const internal = g!.advisories.find((x) => x.source === 'internal')!;
    expect(internal.revisions).toHaveLength(1);
    const events = await t.rt.uow.read((s) => s.audit.list({ entityType: 'advisory', limit: 5 }));
    expect(events.map((e) => e.action)).toEqual(['advisory.updated', 'advisory.created']);
    expect(events[1]).toMatchObject({ actor: 'user:psirt@example.com', reason: 'PSIRT review' });
  });
});

describe('candidate look-up for matching', () => {
  it('finds advisories by package key and by CPE vendor:product, with their group', async () => {
    const cpeAdvisory = adv('nvd', 'CVE-2021-3711', [], {
      affected: [],
      cpeConfigurations: [{ operator: 'OR', nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', vulnerable: true, versionStartIncluding: '1.1.1', versionEndExcluding: '1.1.1l' }] }] }],
    });
    await ingestBatch(deps(), 'nvd', { advisories: [cpeAdvisory], watermark: 'w9' }, { commitWatermark: true });
    const byPurl = await t.rt.uow.read((s) => s.advisories.candidates(['pkg:npm/lodash'], []));
    expect(byPurl.map((c) => c.advisory.id)).toContain('GHSA-aaaa');
    const byCpe = await t.rt.uow.read((s) => s.advisories.candidates([], ['openssl:openssl']));
    expect(byCpe).toEqual([expect.objectContaining({ primaryId: 'CVE-2021-3711' })]);
    expect(await t.rt.uow.read((s) => s.advisories.candidates(['pkg:npm/left-pad'], ['acme:none']))).toEqual([]);
  });
});
