/** Findings: reconciled matches of component instances with vulnerability groups. */
import type { FindingQuery, FindingStore, FindingView, FindingWrite, MatchableComponent, StoredFinding } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso } from './rows.ts';

interface FindingRow {
  id: number | string;
  component_id: number | string;
  group_id: number | string;
  status: StoredFinding['status'];
  confidence: StoredFinding['confidence'];
  methods: string[];
  fixed_versions: string[];
  advisories: StoredFinding['advisories'];
  evidence: unknown[];
  active: boolean;
  first_seen: Date;
  last_changed: Date;
}

function toStored(r: FindingRow): StoredFinding {
  return {
    id: String(r.id),
    componentId: String(r.component_id),
    groupId: Number(r.group_id),
    status: r.status,
    confidence: r.confidence,
    methods: r.methods,
    fixedVersions: r.fixed_versions,
    advisories: r.advisories,
    evidence: r.evidence,
    active: r.active,
    firstSeen: iso(r.first_seen),
    lastChanged: iso(r.last_changed),
  };
}

const json = (v: unknown) => JSON.stringify(v);

export function findingRepository(q: Queryable, groupSummaries: (ids: readonly number[]) => Promise<FindingView['vulnerability'][]>): FindingStore {
  return {
    async componentsForMatching(filter) {
      const byIds = 'componentIds' in filter;
      const { rows } = await q.query<{ id: number; sbom_id: string; release_id: string; ref: string; name: string; group_name: string | null; version: string | null; purl: string | null; cpe: string | null; supplier: string | null; hashes: MatchableComponent['hashes']; properties: MatchableComponent['properties'] }>(
        // Ids are joined from unnest() so that the planner looks each one up by primary key.
        `SELECT c.id, c.sbom_id, c.release_id, c.ref, c.name, c.group_name, c.version, c.purl, c.cpe, c.supplier, c.hashes, c.properties
         FROM ${byIds ? 'unnest($1::bigint[]) AS u(id) JOIN components c ON c.id = u.id' : 'components c'} JOIN sboms s ON s.id = c.sbom_id
         WHERE s.status = 'imported' ${byIds ? '' : 'AND c.sbom_id = $1'} ORDER BY c.id`,
        [byIds ? filter.componentIds : filter.sbomId],
      );
      return rows.map((r) => ({ id: String(r.id), sbomId: r.sbom_id, releaseId: r.release_id, ref: r.ref, name: r.name, group: r.group_name, version: r.version, purl: r.purl, cpe: r.cpe, supplier: r.supplier, hashes: r.hashes, properties: r.properties }));
    },
    async componentIdPage(afterId, limit) {
      const { rows } = await q.query<{ id: number }>(
        `SELECT c.id FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE s.status = 'imported' AND c.id > $1 ORDER BY c.id LIMIT $2`,
        [afterId ?? 0, limit],
      );
      return rows.map((r) => String(r.id));
    },
    async componentIdsByKeys(keys) {
      if (keys.length === 0) return [];
      const { rows } = await q.query<{ component_id: number }>(
        `SELECT DISTINCT k.component_id FROM component_keys k JOIN components c ON c.id = k.component_id JOIN sboms s ON s.id = c.sbom_id
         WHERE k.key = ANY($1::text[]) AND s.status = 'imported' ORDER BY 1`,
        [keys],
      );
      return rows.map((r) => String(r.component_id));
    },
    async setComponentKeys(entries) {
      if (entries.length === 0) return;
      await q.query('DELETE FROM component_keys k USING unnest($1::bigint[]) AS u(id) WHERE k.component_id = u.id', [entries.map((e) => e.componentId)]);
      const rows = entries.flatMap((e) => [...new Set(e.keys)].map((key) => ({ id: e.componentId, key })));
      if (rows.length) await q.query('INSERT INTO component_keys (component_id, key) SELECT x.id, x.key FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, key text) ON CONFLICT DO NOTHING', [json(rows)]);
    },
    async forComponents(componentIds) {
      if (componentIds.length === 0) return [];
      const { rows } = await q.query<FindingRow>('SELECT f.* FROM unnest($1::bigint[]) AS u(id) JOIN findings f ON f.component_id = u.id', [componentIds]);
      return rows.map(toStored);
    },
    async insertMany(fs: readonly FindingWrite[], at) {
      if (fs.length === 0) return [];
      const rows = fs.map((f, i) => ({ i, component_id: f.componentId, sbom_id: f.sbomId, release_id: f.releaseId, group_id: f.groupId, status: f.status, confidence: f.confidence, methods: f.methods, fixed_versions: f.fixedVersions, advisories: f.advisories, evidence: f.evidence }));
      const { rows: ids } = await q.query<{ id: number; component_id: number; group_id: number }>(
        `INSERT INTO findings (component_id, sbom_id, release_id, group_id, status, confidence, methods, fixed_versions, advisories, evidence, active, first_seen, last_changed)
         SELECT x.component_id, x.sbom_id, x.release_id, x.group_id, x.status, x.confidence,
           ARRAY(SELECT jsonb_array_elements_text(x.methods)), ARRAY(SELECT jsonb_array_elements_text(x.fixed_versions)), x.advisories, x.evidence, true, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(i int, component_id bigint, sbom_id uuid, release_id uuid, group_id bigint, status text, confidence text, methods jsonb, fixed_versions jsonb, advisories jsonb, evidence jsonb)
         RETURNING id, component_id, group_id`,
        [json(rows), at.toISOString()],
      );
      const byKey = new Map(ids.map((r) => [`${r.component_id}:${r.group_id}`, String(r.id)]));
      return fs.map((f) => byKey.get(`${f.componentId}:${f.groupId}`)!);
    },
    async update(id, f, active, at) {
      await q.query(
        `UPDATE findings SET status = $2, confidence = $3, methods = $4, fixed_versions = $5, advisories = $6, evidence = $7, active = $8, last_changed = $9 WHERE id = $1`,
        [id, f.status, f.confidence, f.methods, f.fixedVersions, json(f.advisories), json(f.evidence), active, at.toISOString()],
      );
    },
    async deactivate(ids, at) {
      if (ids.length) await q.query('UPDATE findings SET active = false, last_changed = $2 WHERE id = ANY($1::bigint[])', [ids, at.toISOString()]);
    },
    async addEvents(events, at) {
      if (events.length === 0) return;
      await q.query(
        `INSERT INTO finding_events (finding_id, kind, occurred_at, payload) SELECT x.finding_id, x.kind, $2, x.payload FROM jsonb_to_recordset($1::jsonb) AS x(finding_id bigint, kind text, payload jsonb)`,
        [json(events.map((e) => ({ finding_id: e.findingId, kind: e.kind, payload: e.payload }))), at.toISOString()],
      );
    },
    async query(fq: FindingQuery) {
      const where: string[] = [`s.status = 'imported'`];
      const params: unknown[] = [];
      if (fq.releaseId) where.push(`f.release_id = $${params.push(fq.releaseId)}::uuid`);
      if (fq.groupId !== undefined) where.push(`f.group_id = $${params.push(fq.groupId)}`);
      if (fq.active !== null) where.push(`f.active = $${params.push(fq.active)}`);
      if (fq.status) where.push(`f.status = $${params.push(fq.status)}`);
      if (fq.confidence) where.push(`f.confidence = $${params.push(fq.confidence)}`);
      if (fq.kev) where.push(`EXISTS (SELECT 1 FROM vuln_identifiers i JOIN kev_entries k ON k.cve_id = i.identifier AND k.removed_at IS NULL WHERE i.group_id = f.group_id)`);
      if (fq.minCvss !== undefined) where.push(`(SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) >= $${params.push(fq.minCvss)}`);
      if (fq.minEpss !== undefined) where.push(`(SELECT max(e.epss) FROM vuln_identifiers i JOIN epss_latest e ON e.cve_id = i.identifier WHERE i.group_id = f.group_id) >= $${params.push(fq.minEpss)}`);
      if (fq.productId) where.push(`r.product_id = $${params.push(fq.productId)}::uuid`);
      if (fq.q?.trim()) {
        const p = `$${params.push(`%${fq.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`;
        where.push(`(c.name ILIKE ${p} OR c.purl ILIKE ${p} OR EXISTS (SELECT 1 FROM vuln_identifiers i WHERE i.group_id = f.group_id AND i.identifier ILIKE ${p}))`);
      }
      const from = `FROM findings f JOIN components c ON c.id = f.component_id JOIN sboms s ON s.id = f.sbom_id JOIN releases r ON r.id = f.release_id JOIN products p ON p.id = r.product_id WHERE ${where.join(' AND ')}`;
      const { rows: countRows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
      const { rows } = await q.query<FindingRow & { c_name: string; c_group: string | null; c_version: string | null; c_purl: string | null; c_cpe: string | null; sbom_label: string; sbom_id: string; r_id: string; r_version: string; r_variant: string | null; p_id: string; p_slug: string; p_name: string; cvss: string | null }>(
        `SELECT f.*, c.name AS c_name, c.group_name AS c_group, c.version AS c_version, c.purl AS c_purl, c.cpe AS c_cpe, s.label AS sbom_label, s.id AS sbom_id,
           r.id AS r_id, r.version AS r_version, r.variant AS r_variant, p.id AS p_id, p.slug AS p_slug, p.name AS p_name,
           (SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) AS cvss
         ${from} ORDER BY f.active DESC, cvss DESC NULLS LAST, f.status, c.name, f.id LIMIT $${params.push(fq.limit)} OFFSET $${params.push(fq.offset)}`,
        params,
      );
      const summaries = await groupSummaries([...new Set(rows.map((r) => Number(r.group_id)))]);
      const byId = new Map(summaries.map((g) => [g.groupId, g]));
      const items: FindingView[] = rows.flatMap((r) => {
        const vulnerability = byId.get(Number(r.group_id));
        if (!vulnerability) return [];
        return [{
          ...toStored(r),
          component: { id: String(r.component_id), name: r.c_name, group: r.c_group, version: r.c_version, purl: r.c_purl, cpe: r.c_cpe, sbomId: r.sbom_id, sbomLabel: r.sbom_label },
          release: { id: r.r_id, version: r.r_version, variant: r.r_variant },
          product: { id: r.p_id, slug: r.p_slug, name: r.p_name },
          vulnerability,
        }];
      });
      return { items, total: countRows[0]?.n ?? 0 };
    },
    async counts(releaseId) {
      const { rows } = await q.query<{ active: number; affected: number; indeterminate: number; inactive: number }>(
        `SELECT count(*) FILTER (WHERE f.active)::int AS active, count(*) FILTER (WHERE f.active AND f.status = 'affected')::int AS affected,
           count(*) FILTER (WHERE f.active AND f.status = 'indeterminate')::int AS indeterminate, count(*) FILTER (WHERE NOT f.active)::int AS inactive
         FROM findings f JOIN sboms s ON s.id = f.sbom_id WHERE f.release_id = $1 AND s.status = 'imported'`,
        [releaseId],
      );
      return rows[0]!;
    },
  };
}
