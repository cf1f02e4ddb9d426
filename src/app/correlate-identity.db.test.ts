import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { openDb } from '../store/db.ts';
import { listMigrations, migrate } from '../store/migrate.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { correlateAdvisoryKeys, correlateAll, correlateSbom } from './correlate.ts';
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
    for (const f of found) {
      expect(f.evidence).toEqual(found[0]!.evidence);
      expect(f.evidence[0]).toMatchObject({ reason: expect.stringContaining('4.17.15'), advisory: { source: 'ghsa', id: 'GHSA-aaaa-aaaa-aaaa' } });
      expect(f.fixedVersions).toEqual(['4.17.19']);
    }
    // One match state and one `new` event for the identity, naming it: the outbox fans out to its instances.
    expect(await count('SELECT count(*)::int AS n FROM identity_findings')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'new' AND sbom_id IS NULL`)).toBe(1);
    expect(new Set(found.map((f) => f.id)).size).toBe(3);
    expect(found.map((f) => f.id)).toEqual(found.map((f) => `${f.componentId}-${f.groupId}`));
  });

  it('announces the findings that a newly imported SBOM shares with its identities, once', async () => {
    const p = await createProduct(t.rt, actor, { name: 'Shared Pump II', manufacturer: 'Acme' });
    const rel = await createRelease(t.rt, actor, p.id, { version: '2.0.0' });
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: rel.id, label: 'firmware', filename: 'fw.json', bytes: fixture, enqueue: false });
    const before = await count('SELECT count(*)::int AS n FROM identity_findings');
    await runSbomImport(t.rt.importDeps, sbom.id);
    expect(await count('SELECT count(*)::int AS n FROM identity_findings')).toBe(before);
    expect((await lodashFindings()).map((f) => f.release.id)).toContain(rel.id);
    const scoped = `SELECT count(*)::int AS n FROM finding_events WHERE kind = 'new' AND sbom_id = '${sbom.id}'`;
    expect(await count(scoped)).toBe(1);
    const again = await correlateSbom(deps(), sbom.id);
    expect(again).toMatchObject({ new: 0, changed: 0, retracted: 0 });
    expect(await count(scoped)).toBe(1);
    releases.push(rel.id);
  });

  it('re-evaluates only the alias groups an advisory change touched', async () => {
    await ingestBatch(deps(), 'ghsa', { advisories: [lodashAdvisory('GHSA-bbbb-bbbb-bbbb', 'CVE-2021-23337', '4.17.21')], watermark: 2 }, { commitWatermark: true });
    expect(await lodashFindings()).toHaveLength(8);
    const { rows } = await t.rt.db.query<{ group_id: number }>(`SELECT group_id FROM vuln_identifiers WHERE identifier = 'CVE-2021-23337'`);
    const group = Number(rows[0]!.group_id);
    const only = await correlateAdvisoryKeys(deps(), ['pkg:npm/lodash'], [], [group]);
    expect(only).toMatchObject({ components: 4, identities: 1, unchanged: 4, new: 0, changed: 0 });
    const every = await correlateAdvisoryKeys(deps(), ['pkg:npm/lodash'], [], undefined);
    expect(every.unchanged).toBe(8);
  });

  it('retracts the findings of an advisory that no longer names the package', async () => {
    t.clock.advance(1000);
    const moved = lodashAdvisory('GHSA-bbbb-bbbb-bbbb', 'CVE-2021-23337', '4.17.21', { modified: '2021-03-01T00:00:00Z' });
    const renamed = { ...moved, affected: [{ ...moved.affected[0]!, purl: 'pkg:npm/underscore', name: 'underscore' }] };
    await ingestBatch(deps(), 'ghsa', { advisories: [renamed], watermark: 3 }, { commitWatermark: true });
    const active = await lodashFindings();
    expect(active.map((f) => f.vulnerability.primaryId)).toEqual(Array(4).fill('CVE-2020-8203'));
    expect((await lodashFindings(false)).map((f) => f.vulnerability.primaryId)).toEqual(Array(4).fill('CVE-2021-23337'));
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'retracted'`)).toBe(1);
  });

  it('rewrites the explanation of every instance after a range change, once, and a full run then changes nothing', async () => {
    t.clock.advance(1000);
    await ingestBatch(deps(), 'ghsa', { advisories: [lodashAdvisory('GHSA-aaaa-aaaa-aaaa', 'CVE-2020-8203', '4.17.20', { modified: '2021-04-01T00:00:00Z' })], watermark: 4 }, { commitWatermark: true });
    const found = (await lodashFindings()).filter((f) => f.vulnerability.primaryId === 'CVE-2020-8203');
    expect(found.map((f) => f.fixedVersions)).toEqual(Array(4).fill(['4.17.20']));
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'changed'`)).toBe(1);
    const again = await correlateAll(deps());
    expect(again).toMatchObject({ new: 0, changed: 0, retracted: 0, reactivated: 0 });
    expect(again.identities).toBe(await count('SELECT count(*)::int AS n FROM component_identities'));
  });

  it('re-matches only what the changed records of a batch name, and ends where a full run would', async () => {
    t.clock.advance(1000);
    // The identity look-ups of the batch's re-match, seen through the real store.
    const looked: string[][] = [];
    const uow = t.rt.uow;
    const spying = {
      uow: {
        write: uow.write.bind(uow),
        read: <T,>(fn: Parameters<typeof uow.read<T>>[0]) => uow.read((s) => fn({
          ...s,
          findings: { ...s.findings, identityIdsByKeys: (keys: string[], groups?: readonly number[]) => (looked.push(keys), s.findings.identityIdsByKeys(keys, groups)) },
        })),
      },
      clock: t.clock,
    };
    const unchanged = lodashAdvisory('GHSA-aaaa-aaaa-aaaa', 'CVE-2020-8203', '4.17.20', { modified: '2021-04-01T00:00:00Z' });
    const busybox: Advisory = {
      ...lodashAdvisory('OSV-2021-busybox', 'CVE-2021-42373', '1.34.0'),
      summary: 'busybox man NULL dereference',
      affected: [{ purl: 'pkg:generic/busybox', ecosystem: null, name: 'busybox', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.34.0' }] }], versions: [], fixedVersions: ['1.34.0'] }],
    };
    const counts = await ingestBatch(spying, 'ghsa', { advisories: [unchanged, busybox], watermark: 5 }, { commitWatermark: true });
    expect(counts).toMatchObject({ inserted: 1, unchanged: 1 });
    expect(looked).toEqual([['pkg:generic/busybox']]);
    expect(await count(`SELECT count(*)::int AS n FROM finding_events WHERE kind = 'changed'`)).toBe(1);

    // A changed record that joins the unchanged one's group and names another package: the
    // unchanged record's findings are re-evaluated through its group, and stay as they are.
    looked.length = 0;
    const joining = { ...busybox, id: 'OSV-2021-busybox-2', aliases: ['CVE-2020-8203'], affected: [{ ...busybox.affected[0]!, ranges: [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed: '1.30.0' }] }], fixedVersions: ['1.30.0'] }] };
    await ingestBatch(spying, 'ghsa', { advisories: [unchanged, joining], watermark: 6 }, { commitWatermark: true });
    expect(looked).toEqual([['pkg:generic/busybox']]);
    const lodash = (await lodashFindings()).filter((f) => f.vulnerability.primaryId === 'CVE-2020-8203');
    expect(lodash.map((f) => f.fixedVersions)).toEqual(Array(4).fill(['4.17.20']));
    const again = await correlateAll(deps());
    expect(again).toMatchObject({ new: 0, changed: 0, retracted: 0, reactivated: 0 });
  });
});

describe('findings across the portfolio', () => {
  it('pages through every instance of every identity finding in one order, with the total', async () => {
    const read = (offset: number, limit: number, extra: object = {}) => t.rt.uow.read((s) => s.findings.query({ active: null, offset, limit, ...extra }));
    const all = await read(0, 1000);
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBe(await count(`SELECT count(*)::int AS n FROM findings f JOIN sboms s ON s.id = f.sbom_id WHERE s.status = 'imported'`));
    expect(new Set(all.items.map((f) => f.id)).size).toBe(all.total);
    for (const size of [1, 3]) {
      const paged = [];
      for (let offset = 0; offset < all.total; offset += size) {
        const page = await read(offset, size);
        expect(page.total).toBe(all.total);
        paged.push(...page.items);
      }
      expect(paged.map((f) => f.id)).toEqual(all.items.map((f) => f.id));
    }
    expect(await read(all.total + 5, 10)).toEqual({ items: [], total: all.total });
    // Active first, then by CVSS and name, as on a release's page.
    expect(all.items.findIndex((f) => !f.active)).toBeGreaterThan(all.items.findLastIndex((f) => f.active));
    const lodash = await read(0, 1000, { q: 'lodash', active: true });
    expect(lodash.items.every((f) => f.component.name === 'lodash' && f.active)).toBe(true);
    expect(lodash.total).toBe(lodash.items.length);
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
      await migrate(db, all.filter((m) => m.version < 10));
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

describe('migration 010', () => {
  it('keeps one match state per identity and alias group, the findings of every instance, their events and the cases that name them', async () => {
    const db = await openDb({});
    try {
      const all = listMigrations();
      await migrate(db, all.filter((m) => m.version < 10));
      await db.exec(`SET session_replication_role = replica`);
      const sboms = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
      for (const [i, sbom] of sboms.entries()) {
        await db.query(
          `INSERT INTO sboms (id, release_id, label, filename, format, spec_version, metadata, status, component_count, byte_size, sha256, uploaded_at, uploaded_by, imported_at)
           VALUES ($1, $1, 'firmware', 'fw.json', 'cyclonedx', '1.6', '{}', 'imported', 1, 1, '', '2026-01-01T00:00:00Z', 'u', '2026-01-01T00:00:00Z')`,
          [sbom],
        );
        await db.query(`INSERT INTO components (id, sbom_id, release_id, ordinal, ref, type, name, version, purl) VALUES ($1, $2, $2, 0, 'c', 'library', 'lodash', '4.17.15', 'pkg:npm/lodash@4.17.15')`, [i + 1, sbom]);
      }
      await db.query(`INSERT INTO finding_matches (id, methods, fixed_versions, advisories, evidence) VALUES ('00000000-0000-4000-8000-0000000000ff', '{purl}', '{4.17.19}', '[]', '[]')`);
      for (const [i, sbom] of sboms.entries()) {
        await db.query(
          `INSERT INTO findings (id, component_id, sbom_id, release_id, group_id, status, confidence, match_id, active, first_seen, last_changed)
           VALUES ($1, $1, $2, $2, 7, 'affected', 'high', '00000000-0000-4000-8000-0000000000ff', true, $3, $3)`,
          [i + 1, sbom, `2026-0${i + 2}-01T00:00:00Z`],
        );
      }
      await db.query(`INSERT INTO finding_events (finding_id, kind, occurred_at, payload) VALUES (2, 'new', now(), '{}')`);
      await db.query(
        `INSERT INTO cases (id, title, kind, status, source_finding_id, facts, opened_at, opened_by, updated_at) VALUES ('00000000-0000-4000-8000-0000000000c1', 'c', 'vulnerability', 'open', 2, '{}', now(), 'u', now())`,
      );
      await db.query(`INSERT INTO case_links (case_id, target_type, target_id) VALUES ('00000000-0000-4000-8000-0000000000c1', 'finding', '2')`);
      await db.exec(`SET session_replication_role = DEFAULT`);
      await migrate(db, all);
      const one = async <T,>(sql: string) => (await db.query<T>(sql)).rows;
      expect(await one('SELECT count(*)::int AS n FROM component_identities')).toEqual([{ n: 1 }]);
      expect(await one<{ identity_id: number; group_id: number; first_seen: Date }>('SELECT group_id, active, first_seen FROM identity_findings')).toEqual([
        { group_id: 7, active: true, first_seen: new Date('2026-02-01T00:00:00Z') },
      ]);
      expect(await one('SELECT id, component_id, active, methods, fixed_versions FROM findings ORDER BY component_id')).toEqual([
        { id: '1-7', component_id: 1, active: true, methods: ['purl'], fixed_versions: ['4.17.19'] },
        { id: '2-7', component_id: 2, active: true, methods: ['purl'], fixed_versions: ['4.17.19'] },
      ]);
      expect(await one('SELECT e.sbom_id, f.group_id FROM finding_events e JOIN identity_findings f ON f.id = e.identity_finding_id')).toEqual([{ sbom_id: sboms[1], group_id: 7 }]);
      expect(await one('SELECT source_finding_id FROM cases')).toEqual([{ source_finding_id: '2-7' }]);
      expect(await one('SELECT target_id FROM case_links')).toEqual([{ target_id: '2-7' }]);
    } finally {
      await db.close();
    }
  });
});
