/** Findings: reconciled matches of component instances with vulnerability groups. */
import type { FindingQuery, FindingStore, FindingView, FindingWrite, MatchableIdentity, StoredFinding } from '../app/ports.ts';
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

/** A finding of the view with what a page shows of its component, SBOM, release and product. */
type PageRow = FindingRow & {
  identity_finding_id: number | string;
  c_name: string; c_group: string | null; c_version: string | null; c_purl: string | null; c_cpe: string | null;
  sbom_label: string; sbom_id: string; r_id: string; r_version: string; r_variant: string | null; p_id: string; p_slug: string; p_name: string; cvss: string | null;
};

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
 * Identity findings as unnest() reads them: identity, group, status and confidence as typed arrays;
 * the explanation (methods, fixed versions, advisories, evidence) as JSON texts joined by U+0001,
 * which JSON text never holds raw. PGlite parses a text[] parameter of long strings several times
 * slower than one long text split by string_to_array(), and the explanation is most of the bytes
 * a full run writes.
 */
function columnsOf(fs: readonly FindingWrite[]): unknown[] {
  const joined = (f: (w: FindingWrite) => unknown) => fs.map((w) => json(f(w))).join('\u0001');
  return [
    fs.map((f) => f.identityId), fs.map((f) => f.groupId), fs.map((f) => f.status), fs.map((f) => f.confidence),
    joined((w) => w.match.methods), joined((w) => w.match.fixedVersions), joined((w) => w.match.advisories), fs.map((w) => w.match.evidenceJson).join('\u0001'),
  ];
}

/** unnest() arguments reading columnsOf()'s four joined texts from parameters $n … $n+3. */
const explanationArgs = (n: number) => [0, 1, 2, 3].map((k) => `string_to_array($${n + k}::text, chr(1))`).join(', ');

/**
 * Runs a look-up by key inside the current transaction with sequential scans off. A full run fills
 * the identity tables as it goes, while the planner's statistics (PGlite has no autovacuum) still
 * describe them as they were at its start — nearly empty — and would scan them whole for every
 * chunk; a look-up of a chunk's keys is always best served by the index.
 */
async function indexed<T>(q: Queryable, read: () => Promise<T>): Promise<T> {
  await q.query('SET LOCAL enable_seqscan = off');
  try {
    return await read();
  } finally {
    await q.query('SET LOCAL enable_seqscan = on');
  }
}

/**
 * Rows of `alias` whose `column` is one of the ids: by an index range scan when the ids are dense
 * (a page of a full run), else by one index probe per id.
 */
function byIds(ids: readonly string[], alias: string, column: string): { join: string; params: unknown[] } {
  let min = Infinity;
  let max = -Infinity;
  for (const id of ids) {
    const n = Number(id);
    if (n < min) min = n;
    if (n > max) max = n;
  }
  if (max - min < 4 * ids.length) return { join: `WHERE ${alias}.${column} BETWEEN $1 AND $2 AND ${alias}.${column} = ANY($3::bigint[])`, params: [min, max, ids] };
  return { join: `JOIN unnest($3::bigint[]) AS u(id) ON ${alias}.${column} = u.id WHERE $1::bigint IS NULL AND $2::bigint IS NULL`, params: [null, null, ids] };
}

interface IdentityRow {
  id: number | string;
  name: string;
  group_name: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
  hashes: MatchableIdentity['hashes'];
  properties: MatchableIdentity['properties'];
  instances: number;
}

const toIdentity = (r: IdentityRow): MatchableIdentity => ({
  id: String(r.id), name: r.name, group: r.group_name, version: r.version, purl: r.purl, cpe: r.cpe, supplier: r.supplier, hashes: r.hashes, properties: r.properties, instances: r.instances,
});

/** Identities (`page`: a CTE of them) with the number of their instances in imported SBOMs. */
const withInstances = (page: string) => `WITH page AS (${page})
  SELECT p.id, p.name, p.group_name, p.version, p.purl, p.cpe, p.supplier, p.hashes, p.properties, coalesce(n.instances, 0) AS instances
  FROM page p LEFT JOIN (
    SELECT c.identity_id, count(*)::int AS instances FROM components c JOIN sboms s ON s.id = c.sbom_id AND s.status = 'imported'
    WHERE c.identity_id IN (SELECT id FROM page) GROUP BY c.identity_id) n ON n.identity_id = p.id
  ORDER BY p.id`;

export function findingRepository(q: Queryable, groupSummaries: (ids: readonly number[]) => Promise<FindingView['vulnerability'][]>): FindingStore {
  return {
    async identitiesForMatching(filter) {
      if ('sbomId' in filter) {
        // The SBOM's instances only: the import's counts are of its own findings.
        const { rows } = await q.query<IdentityRow>(
          `SELECT i.id, i.name, i.group_name, i.version, i.purl, i.cpe, i.supplier, i.hashes, i.properties, n.instances
           FROM (SELECT c.identity_id, count(*)::int AS instances FROM components c WHERE c.sbom_id = $1 GROUP BY c.identity_id) n
           JOIN component_identities i ON i.id = n.identity_id ORDER BY i.id`,
          [filter.sbomId],
        );
        return rows.map(toIdentity);
      }
      // Ids are joined from unnest() so that the planner looks each one up by primary key.
      const { rows } = await q.query<IdentityRow>(withInstances(`SELECT i.* FROM unnest($1::bigint[]) AS u(id) JOIN component_identities i ON i.id = u.id`), [filter.identityIds]);
      return rows.map(toIdentity);
    },
    async identityPage(afterId, limit) {
      const { rows } = await q.query<IdentityRow>(
        `SELECT id, name, group_name, version, purl, cpe, supplier, hashes, properties, 0 AS instances FROM component_identities WHERE id > $1 ORDER BY id LIMIT $2`,
        [afterId ?? 0, limit],
      );
      return rows.map(toIdentity);
    },
    async instanceCounts() {
      // Every instance, less those of SBOMs not (yet) imported — few, and cheaper than joining a
      // million component rows to their SBOMs.
      const { rows } = await q.query<{ identity_id: number; n: number }>(
        `SELECT identity_id, sum(n)::int AS n FROM (
           SELECT c.identity_id, count(*) AS n FROM components c GROUP BY c.identity_id
           UNION ALL
           SELECT c.identity_id, -count(*) FROM sboms s JOIN components c ON c.sbom_id = s.id WHERE s.status <> 'imported' GROUP BY c.identity_id) t
         GROUP BY identity_id HAVING sum(n) > 0`,
      );
      return new Map(rows.map((r) => [String(r.identity_id), r.n]));
    },
    async identityIdsByKeys(keys, groups) {
      if (keys.length === 0 && !groups?.length) return [];
      const { rows } = await q.query<{ identity_id: number }>(
        `SELECT k.identity_id FROM identity_keys k WHERE k.key = ANY($1::text[])
         ${groups?.length ? `UNION SELECT f.identity_id FROM identity_findings f WHERE f.group_id = ANY($2::bigint[])` : ''}
         ORDER BY 1`,
        groups?.length ? [keys, groups] : [keys],
      );
      return [...new Set(rows.map((r) => String(r.identity_id)))];
    },
    async setIdentityKeys(entries) {
      if (entries.length === 0) return;
      // Only the differences are written: re-correlation mostly finds the keys already there.
      const by = byIds(entries.map((e) => e.identityId), 'k', 'identity_id');
      const { rows } = await indexed(q, () => q.query<{ identity_id: number; key: string }>(`SELECT k.identity_id, k.key FROM identity_keys k ${by.join}`, by.params));
      const stored = new Set(rows.map((r) => `${r.identity_id}\u0000${r.key}`));
      const wanted = new Set(entries.flatMap((e) => e.keys.map((key) => `${e.identityId}\u0000${key}`)));
      const split = (xs: string[]) => [xs.map((x) => x.slice(0, x.indexOf('\u0000'))), xs.map((x) => x.slice(x.indexOf('\u0000') + 1))];
      const removed = [...stored].filter((x) => !wanted.has(x));
      const added = [...wanted].filter((x) => !stored.has(x));
      if (removed.length) await q.query('DELETE FROM identity_keys k USING unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE k.identity_id = u.id AND k.key = u.key', split(removed));
      if (added.length) await q.query('INSERT INTO identity_keys (identity_id, key) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING', split(added));
    },
    async forIdentities(identityIds, groups) {
      if (identityIds.length === 0) return [];
      const by = byIds(identityIds, 'f', 'identity_id');
      const { rows } = await indexed(q, () => q.query<{ id: number; identity_id: number; group_id: number; status: StoredFinding['status']; confidence: StoredFinding['confidence']; active: boolean; fixed_versions: string[]; advisories: StoredFinding['advisories'] }>(
        `SELECT f.id, f.identity_id, f.group_id, f.status, f.confidence, f.active, f.fixed_versions, f.advisories
         FROM identity_findings f ${by.join} ${groups ? 'AND f.group_id = ANY($4::bigint[])' : ''}`,
        groups ? [...by.params, groups] : by.params,
      ));
      return rows.map((r) => ({ id: String(r.id), identityId: String(r.identity_id), groupId: Number(r.group_id), status: r.status, confidence: r.confidence, active: r.active, fixedVersions: r.fixed_versions, advisories: r.advisories }));
    },
    async insertNew(fs, at) {
      if (fs.length === 0) return;
      await q.query(
        `WITH ins AS (
           INSERT INTO identity_findings (identity_id, group_id, status, confidence, methods, fixed_versions, advisories, evidence, active, first_seen, last_changed)
           SELECT u.i, u.g, u.st, u.cf, u.m::json, u.f::json, u.a::json, u.e::json, true, $9::timestamptz, $9::timestamptz
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], ${explanationArgs(5)}) AS u(i, g, st, cf, m, f, a, e)
           RETURNING id, identity_id, group_id, status, confidence)
         INSERT INTO finding_events (identity_finding_id, kind, occurred_at, payload)
         SELECT id, 'new', $9::timestamptz, jsonb_build_object('identityId', identity_id::text, 'groupId', group_id, 'status', status, 'confidence', confidence)
         FROM ins ORDER BY id`,
        [...columnsOf(fs), at.toISOString()],
      );
    },
    async updateMany(updates, at) {
      if (updates.length === 0) return;
      const [, , ...cols] = columnsOf(updates.map((u) => u.write));
      await q.query(
        `UPDATE identity_findings f SET status = u.st, confidence = u.cf, methods = u.m::json, fixed_versions = u.f::json, advisories = u.a::json, evidence = u.e::json,
           active = true, last_changed = $8::timestamptz
         FROM unnest($1::bigint[], $2::text[], $3::text[], ${explanationArgs(4)}) AS u(id, st, cf, m, f, a, e) WHERE f.id = u.id`,
        [updates.map((u) => u.id), ...cols, at.toISOString()],
      );
    },
    async deactivate(ids, at) {
      if (ids.length) await q.query('UPDATE identity_findings SET active = false, last_changed = $2 WHERE id = ANY($1::bigint[])', [ids, at.toISOString()]);
    },
    async refreshStatistics(scope = 'all') {
      // Embedded PGlite runs no autovacuum: without fresh statistics the planner takes freshly
      // filled tables (a feed sync, a large run) for empty or tiny and picks poor plans.
      const tables = ['component_identities', 'identity_keys', 'identity_findings'];
      if (scope !== 'identities') tables.push('components', 'sboms');
      if (scope === 'all') tables.push('advisories', 'advisory_packages', 'advisory_cpes', 'vuln_groups');
      await q.query(`ANALYZE ${tables.join(', ')}`);
    },
    async addEvents(events, at) {
      if (events.length === 0) return;
      await q.query(
        `INSERT INTO finding_events (identity_finding_id, kind, occurred_at, payload) SELECT x.finding_id, x.kind, $2, x.payload FROM jsonb_to_recordset($1::jsonb) AS x(finding_id bigint, kind text, payload jsonb)`,
        [json(events.map((e) => ({ finding_id: e.findingId, kind: e.kind, payload: e.payload }))), at.toISOString()],
      );
    },
    async announceSbom(sbomId, at) {
      // Idempotent: a finding already announced for this SBOM (a re-run import job) is not again.
      const { rows } = await q.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO finding_events (identity_finding_id, sbom_id, kind, occurred_at, payload)
           SELECT f.id, $1::uuid, 'new', $2::timestamptz,
             jsonb_build_object('identityId', f.identity_id::text, 'sbomId', $1::text, 'groupId', f.group_id, 'status', f.status, 'confidence', f.confidence)
           FROM identity_findings f
           WHERE f.active AND f.identity_id IN (SELECT c.identity_id FROM components c WHERE c.sbom_id = $1::uuid)
             AND NOT EXISTS (SELECT 1 FROM finding_events e WHERE e.identity_finding_id = f.id AND e.sbom_id = $1::uuid)
           ORDER BY f.id
           RETURNING identity_finding_id)
         SELECT count(*)::int AS n FROM ins JOIN identity_findings f ON f.id = ins.identity_finding_id JOIN components c ON c.identity_id = f.identity_id AND c.sbom_id = $1::uuid`,
        [sbomId, at.toISOString()],
      );
      return rows[0]!.n;
    },
    async query(fq: FindingQuery) {
      // Filters on the identity finding or its identity (everything but release, product, group).
      const params: unknown[] = [];
      const own: string[] = [];
      if (fq.active !== null) own.push(`f.active = $${params.push(fq.active)}`);
      if (fq.status) own.push(`f.status = $${params.push(fq.status)}`);
      if (fq.confidence) own.push(`f.confidence = $${params.push(fq.confidence)}`);
      if (fq.kev) own.push(`EXISTS (SELECT 1 FROM vuln_identifiers i JOIN kev_entries k ON k.cve_id = i.identifier AND k.removed_at IS NULL WHERE i.group_id = f.group_id)`);
      if (fq.minCvss !== undefined) own.push(`(SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) >= $${params.push(fq.minCvss)}`);
      if (fq.minEpss !== undefined) own.push(`(SELECT max(e.epss) FROM vuln_identifiers i JOIN epss_latest e ON e.cve_id = i.identifier WHERE i.group_id = f.group_id) >= $${params.push(fq.minEpss)}`);
      const text = fq.q?.trim() ? `$${params.push(`%${fq.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}` : null;
      const matchesText = (alias: string) => `(${alias}.name ILIKE ${text} OR ${alias}.purl ILIKE ${text} OR EXISTS (SELECT 1 FROM vuln_identifiers i WHERE i.group_id = f.group_id AND i.identifier ILIKE ${text}))`;
      const columns = `f.*, c.name AS c_name, c.group_name AS c_group, c.version AS c_version, c.purl AS c_purl, c.cpe AS c_cpe, s.label AS sbom_label, s.id AS sbom_id,
           r.id AS r_id, r.version AS r_version, r.variant AS r_variant, p.id AS p_id, p.slug AS p_slug, p.name AS p_name`;
      const joins = `JOIN components c ON c.id = f.component_id JOIN sboms s ON s.id = f.sbom_id JOIN releases r ON r.id = f.release_id JOIN products p ON p.id = r.product_id`;
      let rows: PageRow[];
      let total: number;
      if (!fq.releaseId && !fq.productId && fq.groupId === undefined) {
        // Across the portfolio: count and order the identity findings (each standing for its
        // instances in imported SBOMs), then read the instances of the page only — not millions
        // of instance rows to count and sort.
        const where = [...own, ...(text ? [matchesText('i')] : [])];
        // One row per identity finding on the page, or one row with nulls past the end: the total either way.
        const { rows: found } = await q.query<{ id: number | null; n: number; upto: number; total: number }>(
          `WITH n AS (SELECT c.identity_id, count(*)::int AS n FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE s.status = 'imported' GROUP BY c.identity_id),
           x AS (
             SELECT f.id, n.n, sum(n.n) OVER (ORDER BY f.active DESC, cv.cvss DESC NULLS LAST, f.status, i.name, f.identity_id, f.group_id)::int AS upto
             FROM identity_findings f JOIN n ON n.identity_id = f.identity_id JOIN component_identities i ON i.id = f.identity_id
             LEFT JOIN (SELECT a.group_id, max(a.max_cvss) AS cvss FROM advisories a GROUP BY a.group_id) cv ON cv.group_id = f.group_id
             ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
           SELECT p.id, p.n, p.upto, t.total FROM (SELECT coalesce(sum(n), 0)::int AS total FROM x) t
           LEFT JOIN LATERAL (SELECT x.id, x.n, x.upto FROM x WHERE x.upto > $${params.push(fq.offset)} AND x.upto - x.n < $${params.push(fq.offset + fq.limit)}) p ON true
           ORDER BY p.upto`,
          params,
        );
        total = found[0]?.total ?? 0;
        const page = found.filter((x): x is typeof x & { id: number } => x.id !== null);
        const instances = page.length
          ? (await q.query<PageRow>(
              `SELECT ${columns}, (SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) AS cvss
               FROM findings f ${joins} WHERE f.identity_finding_id = ANY($1::bigint[]) AND s.status = 'imported' ORDER BY f.component_id`,
              [page.map((x) => x.id)],
            )).rows
          : [];
        const byFinding = new Map<string, PageRow[]>();
        for (const r of instances) {
          const list = byFinding.get(String(r.identity_finding_id)) ?? [];
          list.push(r);
          byFinding.set(String(r.identity_finding_id), list);
        }
        rows = page.flatMap((x) => (byFinding.get(String(x.id)) ?? []).map((r, k) => ({ r, at: x.upto - x.n + k })))
          .filter(({ at }) => at >= fq.offset && at < fq.offset + fq.limit).map(({ r }) => r);
      } else {
        const where = [`s.status = 'imported'`, ...own, ...(text ? [matchesText('c')] : [])];
        if (fq.releaseId) where.push(`f.release_id = $${params.push(fq.releaseId)}::uuid`);
        if (fq.groupId !== undefined) where.push(`f.group_id = $${params.push(fq.groupId)}`);
        if (fq.productId) where.push(`r.product_id = $${params.push(fq.productId)}::uuid`);
        const from = `FROM findings f ${joins} WHERE ${where.join(' AND ')}`;
        total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params)).rows[0]?.n ?? 0;
        rows = (await q.query<PageRow>(
          `SELECT ${columns}, (SELECT max(a.max_cvss) FROM advisories a WHERE a.group_id = f.group_id) AS cvss
           ${from} ORDER BY f.active DESC, cvss DESC NULLS LAST, f.status, c.name, f.component_id, f.group_id LIMIT $${params.push(fq.limit)} OFFSET $${params.push(fq.offset)}`,
          params,
        )).rows;
      }
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
      return { items, total };
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
