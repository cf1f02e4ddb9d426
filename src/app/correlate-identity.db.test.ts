import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { openDb } from '../store/db.ts';
import { listMigrations, migrate } from '../store/migrate.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { correlateAdvisoryKeys, correlateAll } from './correlate.ts';
import { runSbomImport, submitSbom } from './import-sbom.ts';
import { ingestBatch } from './ingest-advisories.ts';
import { createProduct, createRelease } from './inventory.ts';

const actor = { kind: 'user' as const, id: 'u', label: 'analyst@example.com' };
const fixture = readFileSync(new URL('../../test/fixtures/sbom/pump-firmware.cdx.json', import.meta.url));

function lodashAdvisory(id: string, cve: string, fixed: string, extra: Partial<Advisory> = {}): Advisory {
  return {
    source: 'ghsa', id, aliases: [cve], related: [], summary: `lodash (${id})`, details: null,
    published: '2020-07-15T00:00:00Z', modified: '2020-07-15T00:00:00Z', withdrawn: null,
    affected: [{ purl: 'pkg:npm/lodash', ecosystem: 'npm', name: 'lodash', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }], versions: [], fixedVersions: [fixed] }],
    cpeConfigurations: [], csafProducts: [], severities: [], cwes: [], references: [], credits: [], ...extra,
  };
}

let t: TestRuntime;
const releases: string[] = [];
const deps = () => ({ uow: t.rt.uow, clock: t.clock });
const count = async (sql: string) => (await t.rt.db.query<{ n: number }>(sql)).rows[0]!.n;
const lodashFindings = async (active: boolean | null = true) =>
  (await t.rt.uow.read((s) => s.findings.query({ active, q: 'lodash', offset: 0, limit: 100 }))).items.filter((f) => f.component.name === 'lodash');

beforeAll(async () => {
  t = await createTestRuntime();
  const p = await createProduct(t.rt, actor, { name: 'Shared Pump', manufacturer: 'Acme' });
  // Three releases carrying the same components: one component identity, three instances.
  for (const v of ['1.0.0', '1.1.0', '1.2.0']) {
    const rel = await createRelease(t.rt, actor, p.id, { version: v });
    releases.push(rel.id);
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: rel.id, label: 'firmware', filename: 'fw.json', bytes: fixture, enqueue: false });
    await runSbomImport(t.rt.importDeps, sbom.id);
  }
});
afterAll(() => t.close());

describe('correlation by component identity', () => {
  it('stores the evidence once for every instance of the same identity and shows it on each finding', async () => {
    await ingestBatch(deps(), 'ghsa', { advisories: [lodashAdvisory('GHSA-aaaa-aaaa-aaaa', 'CVE-2020-8203', '4.17.19')], watermark: 1 }, { commitWatermark: true });
    const found = await lodashFindings();
    expect(found).toHaveLength(3);
    expect(new Set(found.map((f) => f.release.id))).toEqual(new Set(releases));
    expect(await count('SELECT count(*)::int AS n FROM finding_matches')).toBe(1);
    for (const f of found) {
      expect(f.evidence).toEqual(found[0]!.evidence);
      expect(f.evidence[0]).toMatchObject({ reason: expect.stringContaining('4.17.15'), advisory: { source: 'ghsa', id: 'GHSA-aaaa-aaaa-aaaa' } });
      expect(f.fixedVersions).toEqual(['4.17.19']);
    }
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'new'`)).toBe(3);
  });

  it('re-evaluates only the alias groups an advisory change touched', async () => {
    await ingestBatch(deps(), 'ghsa', { advisories: [lodashAdvisory('GHSA-bbbb-bbbb-bbbb', 'CVE-2021-23337', '4.17.21')], watermark: 2 }, { commitWatermark: true });
    expect(await lodashFindings()).toHaveLength(6);
    const { rows } = await t.rt.db.query<{ group_id: number }>(`SELECT group_id FROM vuln_identifiers WHERE identifier = 'CVE-2021-23337'`);
    const group = Number(rows[0]!.group_id);
    const only = await correlateAdvisoryKeys(deps(), ['pkg:npm/lodash'], [], [group]);
    expect(only).toMatchObject({ components: 3, unchanged: 3, new: 0, changed: 0 });
    const every = await correlateAdvisoryKeys(deps(), ['pkg:npm/lodash'], [], undefined);
    expect(every.unchanged).toBe(6);
  });

  it('retracts the findings of an advisory that no longer names the package', async () => {
    t.clock.advance(1000);
    const moved = lodashAdvisory('GHSA-bbbb-bbbb-bbbb', 'CVE-2021-23337', '4.17.21', { modified: '2021-03-01T00:00:00Z' });
    const renamed = { ...moved, affected: [{ ...moved.affected[0]!, purl: 'pkg:npm/underscore', name: 'underscore' }] };
    await ingestBatch(deps(), 'ghsa', { advisories: [renamed], watermark: 3 }, { commitWatermark: true });
    const active = await lodashFindings();
    expect(active.map((f) => f.vulnerability.primaryId)).toEqual(['CVE-2020-8203', 'CVE-2020-8203', 'CVE-2020-8203']);
    expect((await lodashFindings(false)).map((f) => f.vulnerability.primaryId)).toEqual(['CVE-2021-23337', 'CVE-2021-23337', 'CVE-2021-23337']);
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'retracted'`)).toBe(3);
  });

  it('shares the new match after a range change and prunes the one nobody uses any more', async () => {
    t.clock.advance(1000);
    await ingestBatch(deps(), 'ghsa', { advisories: [lodashAdvisory('GHSA-aaaa-aaaa-aaaa', 'CVE-2020-8203', '4.17.20', { modified: '2021-04-01T00:00:00Z' })], watermark: 4 }, { commitWatermark: true });
    const found = (await lodashFindings()).filter((f) => f.vulnerability.primaryId === 'CVE-2020-8203');
    expect(found.map((f) => f.fixedVersions)).toEqual([['4.17.20'], ['4.17.20'], ['4.17.20']]);
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'changed'`)).toBe(3);
    const used = `SELECT count(DISTINCT match_id)::int AS n FROM findings`;
    expect(await count('SELECT count(*)::int AS n FROM finding_matches')).toBeGreaterThan(await count(used));
    const again = await correlateAll(deps());
    expect(again).toMatchObject({ new: 0, changed: 0, retracted: 0, reactivated: 0 });
    expect(await count('SELECT count(*)::int AS n FROM finding_matches')).toBe(await count(used));
  });
});

describe('migration 009', () => {
  it('moves the evidence of existing findings into shared matches and keeps every finding', async () => {
    const db = await openDb({});
    try {
      const all = listMigrations();
      await migrate(db, all.filter((m) => m.version < 9));
      await db.exec(`SET session_replication_role = replica`);
      const evidence = JSON.stringify([{ reason: 'x' }]);
      for (const [component, release] of [[1, '00000000-0000-4000-8000-000000000001'], [2, '00000000-0000-4000-8000-000000000002']] as const) {
        await db.query(
          `INSERT INTO findings (component_id, sbom_id, release_id, group_id, status, confidence, methods, fixed_versions, advisories, evidence, active, first_seen, last_changed)
           VALUES ($1, $2, $2, 7, 'affected', 'high', '{purl}', '{1.2.3}', '[{"source":"osv","id":"A"}]', $3, true, now(), now())`,
          [component, release, evidence],
        );
      }
      await db.exec(`SET session_replication_role = DEFAULT`);
      await migrate(db, all);
      const { rows } = await db.query<{ component_id: number; methods: string[]; fixed_versions: string[]; advisories: unknown; evidence: unknown }>(
        'SELECT f.component_id, m.methods, m.fixed_versions, m.advisories, m.evidence FROM findings f JOIN finding_matches m ON m.id = f.match_id ORDER BY f.component_id',
      );
      expect(rows).toEqual([1, 2].map((id) => ({ component_id: id, methods: ['purl'], fixed_versions: ['1.2.3'], advisories: [{ source: 'osv', id: 'A' }], evidence: [{ reason: 'x' }] })));
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM finding_matches')).rows[0]!.n).toBe(1);
    } finally {
      await db.close();
    }
  });
});
