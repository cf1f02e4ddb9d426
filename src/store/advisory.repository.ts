/**
 * Vulnerability intelligence storage: advisories by (source, id), alias groups, packages and CPE
 * criteria keyed for matching, KEV, EPSS. Batches are written with a few set-based statements.
 */
import { planAliasGroups, primaryIdentifier } from '../domain/advisories/alias-merge.ts';
import type { EpssScore, KevEntry } from '../domain/advisories/advisory.ts';
import type { AdvisoryStore, AdvisoryView, AdvisoryWrite, VulnGroupDetail, VulnGroupSummary, VulnQuery } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

const json = (v: unknown) => JSON.stringify(v);

async function refreshPrimaryIds(q: Queryable, groups: readonly number[], at: Date): Promise<void> {
  if (groups.length === 0) return;
  const { rows } = await q.query<{ group_id: number; identifiers: string[] }>(
    'SELECT group_id, array_agg(identifier) AS identifiers FROM vuln_identifiers WHERE group_id = ANY($1::bigint[]) GROUP BY group_id',
    [groups],
  );
  const updates = rows.map((r) => ({ id: Number(r.group_id), primary_id: primaryIdentifier(r.identifiers) }));
  await q.query(
    `UPDATE vuln_groups g SET primary_id = x.primary_id, updated_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, primary_id text) WHERE g.id = x.id`,
    [json(updates), at.toISOString()],
  );
}

interface GroupRow {
  id: number;
  primary_id: string;
  identifiers: string[];
  sources: string[];
  summary: string | null;
  max_cvss: string | number | null;
  published: Date | null;
  modified: Date;
  all_withdrawn: boolean;
  kev_date_added: string | null;
  kev_due_date: string | null;
  kev_ransomware: boolean | null;
  epss: number | null;
  percentile: number | null;
  epss_date: string | null;
  total?: number;
}

function toSummary(r: GroupRow): VulnGroupSummary {
  return {
    groupId: Number(r.id),
    primaryId: r.primary_id,
    identifiers: [...r.identifiers].sort(),
    sources: [...new Set(r.sources)].sort(),
    summary: r.summary,
    maxCvss: r.max_cvss === null ? null : Number(r.max_cvss),
    published: isoOrNull(r.published),
    modified: iso(r.modified),
    withdrawn: r.all_withdrawn,
    kev: r.kev_date_added ? { dateAdded: r.kev_date_added, dueDate: r.kev_due_date, ransomware: r.kev_ransomware === true } : null,
    epss: r.epss_date ? { epss: Number(r.epss), percentile: Number(r.percentile), date: r.epss_date } : null,
  };
}

const groupSelect = `
  SELECT g.id, g.primary_id,
    (SELECT array_agg(i.identifier) FROM vuln_identifiers i WHERE i.group_id = g.id) AS identifiers,
    a.sources, a.summary, a.max_cvss, a.published, a.modified, a.all_withdrawn,
    k.date_added::text AS kev_date_added, k.due_date::text AS kev_due_date, k.ransomware AS kev_ransomware,
    e.epss, e.percentile, e.score_date::text AS epss_date
  FROM vuln_groups g
  JOIN LATERAL (
    SELECT array_agg(source) AS sources,
      (array_agg(coalesce(summary, left(split_part(data->>'details', E'\n', 1), 300)) ORDER BY (coalesce(summary, data->>'details') IS NULL), CASE source WHEN 'nvd' THEN 0 WHEN 'cve' THEN 1 WHEN 'ghsa' THEN 2 ELSE 3 END))[1] AS summary,
      max(max_cvss) AS max_cvss, min(published) AS published, max(modified) AS modified,
      bool_and(withdrawn IS NOT NULL) AS all_withdrawn
    FROM advisories WHERE group_id = g.id
  ) a ON a.sources IS NOT NULL
  LEFT JOIN LATERAL (
    SELECT k.* FROM kev_entries k JOIN vuln_identifiers i ON i.identifier = k.cve_id
    WHERE i.group_id = g.id AND k.removed_at IS NULL ORDER BY k.date_added LIMIT 1
  ) k ON true
  LEFT JOIN LATERAL (
    SELECT e.* FROM epss_latest e JOIN vuln_identifiers i ON i.identifier = e.cve_id
    WHERE i.group_id = g.id ORDER BY e.epss DESC LIMIT 1
  ) e ON true`;

/** Advisories stored under any of the package keys or CPE vendor:product pairs (only of `groups` when given). */
async function candidateRows<T>(q: Queryable, data: string, packageKeys: readonly string[], vendorProducts: readonly string[], groups?: readonly number[]): Promise<T[]> {
  if (packageKeys.length === 0 && vendorProducts.length === 0) return [];
  if (groups?.length === 0) return [];
  const { rows } = await q.query<T>(
    // From the key indexes to the advisories by primary key (not a scan of every advisory).
    `SELECT ${data} AS data, a.group_id, g.primary_id
     FROM (SELECT source, advisory_id FROM advisory_packages WHERE package_key = ANY($1::text[])
       UNION SELECT source, advisory_id FROM advisory_cpes WHERE vendor_product = ANY($2::text[])) k
     JOIN advisories a ON a.source = k.source AND a.advisory_id = k.advisory_id JOIN vuln_groups g ON g.id = a.group_id
     ${groups ? 'WHERE a.group_id = ANY($3::bigint[])' : ''}
     ORDER BY a.source, a.advisory_id`,
    groups ? [packageKeys, vendorProducts, groups] : [packageKeys, vendorProducts],
  );
  return rows;
}

export function advisoryRepository(q: Queryable): AdvisoryStore {
  return {
    async upsertBatch(items: readonly AdvisoryWrite[], at: Date) {
      if (items.length === 0) return { inserted: 0, updated: 0, unchanged: 0, touchedGroups: [], changed: [] };
      const now = at.toISOString();
      // Last write wins inside one batch for the same (source, id).
      const byKey = new Map<string, AdvisoryWrite>();
      for (const it of items) byKey.set(`${it.advisory.source}\u0000${it.advisory.id}`, it);
      const unique = [...byKey.values()];
      const keys = unique.map((it) => ({ source: it.advisory.source, id: it.advisory.id }));
      const { rows: existing } = await q.query<{ source: string; advisory_id: string; content_hash: string; group_id: number }>(
        `SELECT a.source, a.advisory_id, a.content_hash, a.group_id FROM advisories a
         JOIN jsonb_to_recordset($1::jsonb) AS k(source text, id text) ON a.source = k.source AND a.advisory_id = k.id`,
        [json(keys)],
      );
      const stored = new Map(existing.map((r) => [`${r.source}\u0000${r.advisory_id}`, r]));
      const changed = unique.filter((it) => stored.get(`${it.advisory.source}\u0000${it.advisory.id}`)?.content_hash !== it.contentHash);
      const unchanged = unique.length - changed.length;
      if (changed.length === 0) return { inserted: 0, updated: 0, unchanged, touchedGroups: [], changed: [] };

      // Alias groups: which stored groups do the batch's identifiers belong to?
      const recordIds = changed.map((it) => [it.advisory.id, ...it.advisory.aliases]);
      const allIds = [...new Set(recordIds.flat())];
      const { rows: members } = await q.query<{ identifier: string; group_id: number }>(
        'SELECT identifier, group_id FROM vuln_identifiers WHERE identifier = ANY($1::text[])',
        [allIds],
      );
      const memberships = new Map(members.map((m) => [m.identifier, Number(m.group_id)]));
      const plan = planAliasGroups({ records: recordIds, memberships });
      const touched = new Set<number>();
      // New groups: allocate their ids in one round trip, insert them in one statement.
      const fresh = plan.components.filter((c) => c.target === null);
      const freshIds = fresh.length
        ? (await q.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('vuln_groups', 'id'))::bigint AS id FROM generate_series(1, $1)`, [fresh.length])).rows.map((r) => Number(r.id))
        : [];
      const freshId = new Map(fresh.map((c, i) => [c, freshIds[i]!]));
      if (fresh.length) {
        await q.query(
          `INSERT INTO vuln_groups (id, primary_id, created_at, updated_at) SELECT x.id, x.primary_id, $2, $2 FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, primary_id text)`,
          [json(fresh.map((c) => ({ id: freshId.get(c), primary_id: primaryIdentifier(c.identifiers) }))), now],
        );
      }
      const targets = plan.components.map((c) => c.target ?? freshId.get(c)!);
      const merges = plan.components.flatMap((c, i) => c.merged.map((from) => ({ from, to: targets[i]! })));
      if (merges.length) {
        const m = json(merges);
        await q.query('UPDATE vuln_identifiers i SET group_id = x.to FROM jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint) WHERE i.group_id = x."from"', [m]);
        await q.query('UPDATE advisories a SET group_id = x.to FROM jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint) WHERE a.group_id = x."from"', [m]);
        // An identity's findings of the merged groups become one finding of the surviving group.
        await q.query(
          `DELETE FROM identity_findings f USING jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint), identity_findings g
           WHERE f.group_id = x."from" AND g.group_id = x."to" AND g.identity_id = f.identity_id`,
          [m],
        );
        await q.query('UPDATE identity_findings f SET group_id = x.to FROM jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint) WHERE f.group_id = x."from"', [m]);
        // A finding's id names its group ('<component>-<group>'): cases follow it to the surviving one.
        await q.query(
          `UPDATE case_links l SET target_id = split_part(l.target_id, '-', 1) || '-' || x.to::text FROM jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint)
           WHERE l.target_type = 'finding' AND split_part(l.target_id, '-', 2) = x."from"::text
             AND NOT EXISTS (SELECT 1 FROM case_links o WHERE o.case_id = l.case_id AND o.target_type = 'finding' AND o.target_id = split_part(l.target_id, '-', 1) || '-' || x.to::text)`,
          [m],
        );
        await q.query(
          `UPDATE cases k SET source_finding_id = split_part(k.source_finding_id, '-', 1) || '-' || x.to::text FROM jsonb_to_recordset($1::jsonb) AS x("from" bigint, "to" bigint)
           WHERE split_part(k.source_finding_id, '-', 2) = x."from"::text`,
          [m],
        );
        await q.query('DELETE FROM vuln_groups WHERE id = ANY($1::bigint[])', [merges.map((x) => x.from)]);
      }
      const assignments = plan.components.flatMap((c, i) => c.identifiers.filter((id) => memberships.get(id) !== targets[i]).map((id) => ({ identifier: id, group_id: targets[i] })));
      if (assignments.length) {
        await q.query(
          `INSERT INTO vuln_identifiers (identifier, group_id) SELECT x.identifier, x.group_id FROM jsonb_to_recordset($1::jsonb) AS x(identifier text, group_id bigint)
           ON CONFLICT (identifier) DO UPDATE SET group_id = EXCLUDED.group_id`,
          [json(assignments)],
        );
      }
      for (const target of targets) touched.add(target);

      // History: keep the version being replaced.
      const replaced = changed.filter((it) => stored.has(`${it.advisory.source}\u0000${it.advisory.id}`));
      if (replaced.length) {
        await q.query(
          `INSERT INTO advisory_revisions (source, advisory_id, modified, data, replaced_at)
           SELECT a.source, a.advisory_id, a.modified, a.data, $2 FROM advisories a
           JOIN jsonb_to_recordset($1::jsonb) AS k(source text, id text) ON a.source = k.source AND a.advisory_id = k.id`,
          [json(replaced.map((it) => ({ source: it.advisory.source, id: it.advisory.id }))), now],
        );
      }
      const rows = changed.map((it, i) => ({
        source: it.advisory.source,
        id: it.advisory.id,
        group_id: targets[plan.recordComponent[i]!],
        summary: it.advisory.summary,
        published: it.advisory.published,
        modified: it.advisory.modified,
        withdrawn: it.advisory.withdrawn,
        max_cvss: it.maxCvss,
        data: it.advisory,
        raw: it.raw ?? null,
        content_hash: it.contentHash,
      }));
      await q.query(
        `INSERT INTO advisories (source, advisory_id, group_id, summary, published, modified, withdrawn, max_cvss, data, raw, content_hash, first_seen, updated_at)
         SELECT x.source, x.id, x.group_id, x.summary, x.published, x.modified, x.withdrawn, x.max_cvss, x.data, x.raw, x.content_hash, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(source text, id text, group_id bigint, summary text, published timestamptz, modified timestamptz,
           withdrawn timestamptz, max_cvss numeric, data jsonb, raw jsonb, content_hash text)
         ON CONFLICT (source, advisory_id) DO UPDATE SET group_id = EXCLUDED.group_id, summary = EXCLUDED.summary, published = EXCLUDED.published,
           modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn, max_cvss = EXCLUDED.max_cvss, data = EXCLUDED.data, raw = EXCLUDED.raw,
           content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at`,
        [json(rows), now],
      );
      const keyJson = json(changed.map((it) => ({ source: it.advisory.source, id: it.advisory.id })));
      await q.query(`DELETE FROM advisory_packages p USING jsonb_to_recordset($1::jsonb) AS k(source text, id text) WHERE p.source = k.source AND p.advisory_id = k.id`, [keyJson]);
      await q.query(`DELETE FROM advisory_cpes p USING jsonb_to_recordset($1::jsonb) AS k(source text, id text) WHERE p.source = k.source AND p.advisory_id = k.id`, [keyJson]);
      const packages = changed.flatMap((it) => it.packages.map((p, ordinal) => ({ source: it.advisory.source, id: it.advisory.id, ordinal, key: p.key, ecosystem: p.ecosystem, data: p.data })));
      if (packages.length) {
        await q.query(
          `INSERT INTO advisory_packages (source, advisory_id, ordinal, package_key, ecosystem, data)
           SELECT x.source, x.id, x.ordinal, x.key, x.ecosystem, x.data FROM jsonb_to_recordset($1::jsonb) AS x(source text, id text, ordinal int, key text, ecosystem text, data jsonb)`,
          [json(packages)],
        );
      }
      const cpes = changed.flatMap((it) => it.cpes.map((c, ordinal) => ({ source: it.advisory.source, id: it.advisory.id, ordinal, vp: c.vendorProduct, data: c.data })));
      if (cpes.length) {
        await q.query(
          `INSERT INTO advisory_cpes (source, advisory_id, ordinal, vendor_product, data)
           SELECT x.source, x.id, x.ordinal, x.vp, x.data FROM jsonb_to_recordset($1::jsonb) AS x(source text, id text, ordinal int, vp text, data jsonb)`,
          [json(cpes)],
        );
      }
      for (const r of existing) touched.add(Number(r.group_id));
      const touchedGroups = [...touched].sort((a, b) => a - b);
      // Groups merged away no longer exist; refresh the survivors' display ids.
      const { rows: alive } = await q.query<{ id: number }>('SELECT id FROM vuln_groups WHERE id = ANY($1::bigint[])', [touchedGroups]);
      const aliveIds = alive.map((r) => Number(r.id));
      await refreshPrimaryIds(q, aliveIds, at);
      return {
        inserted: changed.length - replaced.length, updated: replaced.length, unchanged, touchedGroups: aliveIds.sort((a, b) => a - b),
        changed: changed.map((it) => `${it.advisory.source}\u0000${it.advisory.id}`),
      };
    },

    async upsertKev(entries: readonly KevEntry[], at: Date, fullCatalog: boolean) {
      const now = at.toISOString();
      const rows = entries.map((e) => ({ cve_id: e.cveId, date_added: e.dateAdded, due_date: e.dueDate || null, ransomware: e.knownRansomwareCampaignUse === 'Known', data: e }));
      const { rows: before } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM kev_entries WHERE cve_id = ANY($1::text[])', [entries.map((e) => e.cveId)]);
      await q.query(
        `INSERT INTO kev_entries (cve_id, date_added, due_date, ransomware, data, first_seen, updated_at)
         SELECT x.cve_id, x.date_added, x.due_date, x.ransomware, x.data, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(cve_id text, date_added date, due_date date, ransomware boolean, data jsonb)
         ON CONFLICT (cve_id) DO UPDATE SET date_added = EXCLUDED.date_added, due_date = EXCLUDED.due_date, ransomware = EXCLUDED.ransomware,
           data = EXCLUDED.data, updated_at = EXCLUDED.updated_at, removed_at = NULL`,
        [json(rows), now],
      );
      let removed = 0;
      if (fullCatalog) {
        const r = await q.query('UPDATE kev_entries SET removed_at = $2 WHERE removed_at IS NULL AND NOT (cve_id = ANY($1::text[]))', [entries.map((e) => e.cveId), now]);
        removed = r.rowCount;
      }
      const existed = before[0]?.n ?? 0;
      return { inserted: entries.length - existed, updated: existed, removed };
    },

    async upsertEpss(scores: readonly EpssScore[]) {
      if (scores.length === 0) return 0;
      const rows = scores.map((s) => ({ cve_id: s.cve, score_date: s.date, epss: s.epss, percentile: s.percentile }));
      const payload = json(rows);
      await q.query(
        `INSERT INTO epss_scores (cve_id, score_date, epss, percentile)
         SELECT x.cve_id, x.score_date, x.epss, x.percentile FROM jsonb_to_recordset($1::jsonb) AS x(cve_id text, score_date date, epss real, percentile real)
         ON CONFLICT (cve_id, score_date) DO UPDATE SET epss = EXCLUDED.epss, percentile = EXCLUDED.percentile`,
        [payload],
      );
      await q.query(
        `INSERT INTO epss_latest (cve_id, score_date, epss, percentile)
         SELECT DISTINCT ON (x.cve_id) x.cve_id, x.score_date, x.epss, x.percentile
         FROM jsonb_to_recordset($1::jsonb) AS x(cve_id text, score_date date, epss real, percentile real) ORDER BY x.cve_id, x.score_date DESC
         ON CONFLICT (cve_id) DO UPDATE SET score_date = EXCLUDED.score_date, epss = EXCLUDED.epss, percentile = EXCLUDED.percentile
         WHERE epss_latest.score_date <= EXCLUDED.score_date`,
        [payload],
      );
      return scores.length;
    },

    async listGroups(vq: VulnQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (vq.source) where.push(`$${params.push(vq.source)} = ANY(a.sources)`);
      if (vq.kev) where.push('k.date_added IS NOT NULL');
      if (!vq.includeWithdrawn) where.push('NOT a.all_withdrawn');
      if (vq.q?.trim()) {
        const p = `$${params.push(`%${vq.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`;
        where.push(`(EXISTS (SELECT 1 FROM vuln_identifiers i2 WHERE i2.group_id = g.id AND i2.identifier ILIKE ${p}) OR a.summary ILIKE ${p})`);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const { rows } = await q.query<GroupRow>(
        `SELECT *, count(*) OVER ()::int AS total FROM (${groupSelect} ${w}) s ORDER BY s.modified DESC, s.id DESC LIMIT $${params.push(vq.limit)} OFFSET $${params.push(vq.offset)}`,
        params,
      );
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && vq.offset > 0) {
        const { rows: c } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${groupSelect} ${w}) s`, params.slice(0, -2));
        total = c[0]?.n ?? 0;
      }
      return { items: rows.map(toSummary), total };
    },

    async findGroup(identifier: string): Promise<VulnGroupDetail | null> {
      const { rows: ids } = await q.query<{ group_id: number }>(
        `SELECT group_id FROM vuln_identifiers WHERE identifier = $1
         UNION SELECT group_id FROM advisories WHERE advisory_id = $1 LIMIT 1`,
        [identifier],
      );
      let groupId = ids[0]?.group_id;
      if (groupId === undefined) {
        const { rows } = await q.query<{ group_id: number }>('SELECT group_id FROM vuln_identifiers WHERE upper(identifier) = upper($1) LIMIT 1', [identifier]);
        groupId = rows[0]?.group_id;
      }
      if (groupId === undefined) return null;
      const { rows } = await q.query<GroupRow>(`${groupSelect} WHERE g.id = $1`, [groupId]);
      if (!rows[0]) return null;
      const summary = toSummary(rows[0]);
      const { rows: adv } = await q.query<{ source: string; advisory_id: string; modified: Date; withdrawn: Date | null; data: unknown; raw: unknown; first_seen: Date }>(
        'SELECT source, advisory_id, modified, withdrawn, data, raw, first_seen FROM advisories WHERE group_id = $1 ORDER BY source, advisory_id',
        [groupId],
      );
      const { rows: revs } = await q.query<{ source: string; advisory_id: string; modified: Date; replaced_at: Date }>(
        `SELECT r.source, r.advisory_id, r.modified, r.replaced_at FROM advisory_revisions r JOIN advisories a ON a.source = r.source AND a.advisory_id = r.advisory_id
         WHERE a.group_id = $1 ORDER BY r.replaced_at`,
        [groupId],
      );
      const advisories: AdvisoryView[] = adv.map((a) => ({
        source: a.source,
        id: a.advisory_id,
        modified: iso(a.modified),
        withdrawn: isoOrNull(a.withdrawn),
        data: a.data,
        raw: a.raw,
        firstSeen: iso(a.first_seen),
        revisions: revs.filter((r) => r.source === a.source && r.advisory_id === a.advisory_id).map((r) => ({ modified: iso(r.modified), replacedAt: iso(r.replaced_at) })),
      }));
      const cves = summary.identifiers.filter((i) => i.startsWith('CVE-'));
      const { rows: kev } = await q.query<{ data: unknown }>('SELECT data FROM kev_entries WHERE cve_id = ANY($1::text[]) ORDER BY date_added LIMIT 1', [cves]);
      const { rows: epss } = await q.query<{ score_date: string; epss: number; percentile: number }>(
        'SELECT score_date::text AS score_date, epss, percentile FROM epss_scores WHERE cve_id = ANY($1::text[]) ORDER BY score_date',
        [cves],
      );
      return { ...summary, advisories, kevEntry: kev[0]?.data ?? null, epssHistory: epss.map((e) => ({ date: e.score_date, epss: Number(e.epss), percentile: Number(e.percentile) })) };
    },

    async groupSummaries(groupIds) {
      if (groupIds.length === 0) return [];
      const { rows } = await q.query<GroupRow>(`${groupSelect} WHERE g.id = ANY($1::bigint[])`, [groupIds]);
      return rows.map(toSummary);
    },

    async candidates(packageKeys, vendorProducts, groups) {
      const rows = await candidateRows<{ data: import('../domain/advisories/advisory.ts').Advisory; group_id: number; primary_id: string }>(q, 'a.data', packageKeys, vendorProducts, groups);
      return rows.map((r) => ({ advisory: r.data, groupId: Number(r.group_id), primaryId: r.primary_id }));
    },
    async candidateTexts(packageKeys, vendorProducts, groups) {
      const rows = await candidateRows<{ data: string; group_id: number }>(q, 'a.data::text', packageKeys, vendorProducts, groups);
      return rows.map((r) => ({ json: r.data, groupId: Number(r.group_id) }));
    },

    async exportAdvisories(after, limit) {
      const { rows } = await q.query<{ source: string; advisory_id: string; data: unknown; raw: unknown }>(
        after
          ? 'SELECT source, advisory_id, data, raw FROM advisories WHERE (source, advisory_id) > ($1, $2) ORDER BY source, advisory_id LIMIT $3'
          : 'SELECT source, advisory_id, data, raw FROM advisories ORDER BY source, advisory_id LIMIT $1',
        after ? [after.source, after.id, limit] : [limit],
      );
      return rows.map((r) => ({ source: r.source, id: r.advisory_id, data: r.data, raw: r.raw }));
    },

    async exportKev() {
      const { rows } = await q.query<{ data: unknown }>('SELECT data FROM kev_entries WHERE removed_at IS NULL ORDER BY cve_id');
      return rows.map((r) => r.data);
    },

    async exportEpss(after, limit) {
      const { rows } = await q.query<{ cve_id: string; score_date: string; epss: number; percentile: number }>(
        after
          ? 'SELECT cve_id, score_date::text AS score_date, epss, percentile FROM epss_scores WHERE (cve_id, score_date) > ($1, $2::date) ORDER BY cve_id, score_date LIMIT $3'
          : 'SELECT cve_id, score_date::text AS score_date, epss, percentile FROM epss_scores ORDER BY cve_id, score_date LIMIT $1',
        after ? [after.cve, after.date, limit] : [limit],
      );
      return rows.map((r) => ({ cve: r.cve_id, date: r.score_date, epss: Number(r.epss), percentile: Number(r.percentile) }));
    },

    async counts() {
      const { rows } = await q.query<{ advisories: number; groups: number; identifiers: number; kev: number; epss: number; withdrawn: number }>(
        `SELECT (SELECT count(*) FROM advisories)::int AS advisories, (SELECT count(*) FROM vuln_groups)::int AS groups,
           (SELECT count(*) FROM vuln_identifiers)::int AS identifiers, (SELECT count(*) FROM kev_entries WHERE removed_at IS NULL)::int AS kev,
           (SELECT count(*) FROM epss_latest)::int AS epss, (SELECT count(*) FROM advisories WHERE withdrawn IS NOT NULL)::int AS withdrawn`,
      );
      return rows[0]!;
    },
  };
}
