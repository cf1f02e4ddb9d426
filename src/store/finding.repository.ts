/** Findings: reconciled matches of component instances with vulnerability groups. */
import type { FindingQuery, FindingStore, FindingView, MatchableComponent, StoredFinding } from '../app/ports.ts';
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

/**
 * Rows of `table` for the component ids: by an index range scan when the ids are dense (a page of a
 * full run, an SBOM's components), else by one index probe per id.
 */
function byComponents(ids: readonly string[], alias: string): { join: string; params: unknown[] } {
  let min = Infinity;
  let max = -Infinity;
  for (const id of ids) {
    const n = Number(id);
    if (n < min) min = n;
    if (n > max) max = n;
  }
  if (max - min < 4 * ids.length) return { join: `WHERE ${alias}.component_id BETWEEN $1 AND $2 AND ${alias}.component_id = ANY($3::bigint[])`, params: [min, max, ids] };
  return { join: `JOIN unnest($3::bigint[]) AS u(id) ON ${alias}.component_id = u.id WHERE $1::bigint IS NULL AND $2::bigint IS NULL`, params: [null, null, ids] };
}

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
    async componentPage(afterId, limit) {
      const { rows } = await q.query<{ id: number; sbom_id: string; release_id: string; ref: string; name: string; group_name: string | null; version: string | null; purl: string | null; cpe: string | null; supplier: string | null; hashes: MatchableComponent['hashes']; properties: MatchableComponent['properties'] }>(
        `SELECT c.id, c.sbom_id, c.release_id, c.ref, c.name, c.group_name, c.version, c.purl, c.cpe, c.supplier, c.hashes, c.properties
         FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE s.status = 'imported' AND c.id > $1 ORDER BY c.id LIMIT $2`,
        [afterId ?? 0, limit],
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
    async componentIdsByKeys(keys, groups) {
      if (keys.length === 0 && !groups?.length) return [];
      const { rows } = await q.query<{ component_id: number }>(
        `SELECT k.component_id FROM component_keys k JOIN components c ON c.id = k.component_id JOIN sboms s ON s.id = c.sbom_id
         WHERE k.key = ANY($1::text[]) AND s.status = 'imported'
         ${groups?.length ? `UNION SELECT f.component_id FROM findings f JOIN sboms s ON s.id = f.sbom_id WHERE f.group_id = ANY($2::bigint[]) AND s.status = 'imported'` : ''}
         ORDER BY 1`,
        groups?.length ? [keys, groups] : [keys],
      );
      return [...new Set(rows.map((r) => String(r.component_id)))];
    },
    async setComponentKeys(entries) {
      if (entries.length === 0) return;
      // Only the differences are written: re-correlation mostly finds the keys already there.
      const by = byComponents(entries.map((e) => e.componentId), 'k');
      const { rows } = await q.query<{ component_id: number; key: string }>(`SELECT k.component_id, k.key FROM component_keys k ${by.join}`, by.params);
      const stored = new Set(rows.map((r) => `${r.component_id}\u0000${r.key}`));
      const wanted = new Set(entries.flatMap((e) => e.keys.map((key) => `${e.componentId}\u0000${key}`)));
      const split = (xs: string[]) => [xs.map((x) => x.slice(0, x.indexOf('\u0000'))), xs.map((x) => x.slice(x.indexOf('\u0000') + 1))];
      const removed = [...stored].filter((x) => !wanted.has(x));
      const added = [...wanted].filter((x) => !stored.has(x));
      if (removed.length) await q.query('DELETE FROM component_keys k USING unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE k.component_id = u.id AND k.key = u.key', split(removed));
      if (added.length) await q.query('INSERT INTO component_keys (component_id, key) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING', split(added));
    },
    async forComponents(componentIds, groups) {
      if (componentIds.length === 0) return [];
      const by = byComponents(componentIds, 'f');
      const { rows } = await q.query<{ id: number; component_id: number; group_id: number; status: StoredFinding['status']; confidence: StoredFinding['confidence']; active: boolean; fixed_versions: string[]; advisories: StoredFinding['advisories'] }>(
        `SELECT f.id, f.component_id, f.group_id, f.status, f.confidence, f.active, m.fixed_versions, m.advisories
         FROM (SELECT f.* FROM findings f ${by.join} ${groups ? 'AND f.group_id = ANY($4::bigint[])' : ''}) f JOIN finding_matches m ON m.id = f.match_id`,
        groups ? [...by.params, groups] : by.params,
      );
      return rows.map((r) => ({ id: String(r.id), componentId: String(r.component_id), groupId: Number(r.group_id), status: r.status, confidence: r.confidence, active: r.active, fixedVersions: r.fixed_versions, advisories: r.advisories }));
    },
    async insertNew(fs, at) {
      if (fs.length === 0) return;
      // Arrays through unnest() rather than one JSON document: far cheaper to send and to read.
      await q.query(
        `WITH ins AS (
           INSERT INTO findings (component_id, sbom_id, release_id, group_id, status, confidence, match_id, active, first_seen, last_changed)
           SELECT u.c, u.s, u.r, u.g, u.st, u.cf, u.m, true, $8::timestamptz, $8::timestamptz
           FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::uuid[]) AS u(c, s, r, g, st, cf, m)
           RETURNING id, component_id, release_id, group_id, status, confidence)
         INSERT INTO finding_events (finding_id, kind, occurred_at, payload)
         SELECT id, 'new', $8::timestamptz, jsonb_build_object('componentId', component_id::text, 'releaseId', release_id, 'groupId', group_id, 'status', status, 'confidence', confidence)
         FROM ins ORDER BY id`,
        [fs.map((f) => f.componentId), fs.map((f) => f.sbomId), fs.map((f) => f.releaseId), fs.map((f) => f.groupId), fs.map((f) => f.status), fs.map((f) => f.confidence), fs.map((f) => f.match.id), at.toISOString()],
      );
    },
    async updateMany(updates, at) {
      if (updates.length === 0) return;
      await q.query(
        `UPDATE findings f SET status = u.st, confidence = u.cf, match_id = u.m, active = true, last_changed = $5::timestamptz
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::uuid[]) AS u(id, st, cf, m) WHERE f.id = u.id`,
        [updates.map((u) => u.id), updates.map((u) => u.write.status), updates.map((u) => u.write.confidence), updates.map((u) => u.write.match.id), at.toISOString()],
      );
    },
    async deactivate(ids, at) {
      if (ids.length) await q.query('UPDATE findings SET active = false, last_changed = $2 WHERE id = ANY($1::bigint[])', [ids, at.toISOString()]);
    },
    async saveMatches(matches) {
      if (matches.length === 0) return;
      await q.query(
        `INSERT INTO finding_matches (id, methods, fixed_versions, advisories, evidence)
         SELECT x.id, ARRAY(SELECT jsonb_array_elements_text(x.methods)), ARRAY(SELECT jsonb_array_elements_text(x.fixed_versions)), x.advisories, x.evidence
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, methods jsonb, fixed_versions jsonb, advisories jsonb, evidence jsonb)
         ON CONFLICT (id) DO NOTHING`,
        [json(matches.map((m) => ({ id: m.id, methods: m.methods, fixed_versions: m.fixedVersions, advisories: m.advisories, evidence: m.evidence })))],
      );
    },
    async pruneMatches() {
      await q.query('DELETE FROM finding_matches m WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.match_id = m.id)');
    },
    async refreshStatistics() {
      // Embedded PGlite runs no autovacuum: without fresh statistics the planner takes freshly
      // filled tables (a feed sync, a large run) for empty or tiny and picks poor plans.
      await q.query('ANALYZE components, sboms, component_keys, findings, finding_matches, advisories, advisory_packages, advisory_cpes, vuln_groups');
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
        `SELECT f.*, m.methods, m.fixed_versions, m.advisories, m.evidence, c.name AS c_name, c.group_name AS c_group, c.version AS c_version, c.purl AS c_purl, c.cpe AS c_cpe, s.label AS sbom_label, s.id AS sbom_id,
           r.id AS r_id, r.version AS r_version, r.variant AS r_variant, p.id AS p_id, p.slug AS p_slug, p.name AS p_name,
           (SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) AS cvss
         ${from.replace('FROM findings f', 'FROM findings f JOIN finding_matches m ON m.id = f.match_id')} ORDER BY f.active DESC, cvss DESC NULLS LAST, f.status, c.name, f.id LIMIT $${params.push(fq.limit)} OFFSET $${params.push(fq.offset)}`,
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
