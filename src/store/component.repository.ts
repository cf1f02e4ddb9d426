import type { SbomComponent } from '../domain/inventory/sbom.ts';
import type { ComponentQuery, ComponentStore, ComponentView } from '../app/ports.ts';
import type { Queryable } from './db.ts';

interface ComponentRow {
  id: number | string;
  sbom_id: string;
  sbom_label: ComponentView['sbomLabel'];
  ref: string;
  type: string;
  name: string;
  group_name: string | null;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
  licenses: string[];
  hashes: Array<{ alg: string; content: string }>;
  level_of_support: string | null;
  end_of_support: string | null;
  scope: string | null;
}

const sortColumns: Record<ComponentQuery['sort'], string> = {
  name: 'lower(c.name)',
  version: 'c.version',
  type: 'c.type',
  supplier: 'lower(c.supplier)',
  purl: 'c.purl',
  license: 'c.licenses[1]',
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export function componentRepository(q: Queryable): ComponentStore {
  return {
    async clearUnfinished(sbomId) {
      await q.query(`DELETE FROM component_dependencies WHERE sbom_id = $1 AND EXISTS (SELECT 1 FROM sboms WHERE id = $1 AND status = 'processing')`, [sbomId]);
      const r = await q.query(`DELETE FROM components WHERE sbom_id = $1 AND EXISTS (SELECT 1 FROM sboms WHERE id = $1 AND status = 'processing')`, [sbomId]);
      return r.rowCount;
    },
    async insertBatch(sbomId, releaseId, firstOrdinal, components: readonly SbomComponent[]) {
      if (components.length === 0) return;
      const rows = components.map((c, i) => ({
        ordinal: firstOrdinal + i,
        ref: c.ref,
        type: c.type,
        name: c.name,
        group_name: c.group,
        version: c.version,
        purl: c.purl,
        cpe: c.cpe,
        supplier: c.supplier,
        description: c.description,
        scope: c.scope,
        hashes: c.hashes,
        licenses: c.licenses,
        level_of_support: c.levelOfSupport,
        end_of_support: c.endOfSupport,
        properties: c.properties,
        parent_ref: c.parentRef,
      }));
      const doc = JSON.stringify(rows);
      const recordset = `jsonb_to_recordset($1::jsonb) AS x(ordinal int, ref text, type text, name text, group_name text, version text, purl text,
           cpe text, supplier text, description text, scope text, hashes jsonb, licenses jsonb, level_of_support text,
           end_of_support text, properties jsonb, parent_ref text)`;
      const digest = `component_identity_digest(x.name, x.group_name, x.version, x.purl, x.cpe, x.supplier, coalesce(x.hashes, '[]'::jsonb), coalesce(x.properties, '[]'::jsonb))`;
      // Each component refers to its identity (ADR 010): the identities new to the store first, in
      // digest order (two imports meeting the same new identities take their locks in one order),
      // then the components, in a statement that sees them.
      await q.query(
        `INSERT INTO component_identities (digest, name, group_name, version, purl, cpe, supplier, hashes, properties)
         SELECT DISTINCT ON (d) d, name, group_name, version, purl, cpe, supplier, hashes, properties
         FROM (SELECT ${digest} AS d, x.name, x.group_name, x.version, x.purl, x.cpe, x.supplier,
                 coalesce(x.hashes, '[]'::jsonb) AS hashes, coalesce(x.properties, '[]'::jsonb) AS properties FROM ${recordset}) y
         ORDER BY d
         ON CONFLICT (digest) DO NOTHING`,
        [doc],
      );
      await q.query(
        `INSERT INTO components (sbom_id, release_id, ordinal, ref, type, name, group_name, version, purl, cpe, supplier, description, scope,
           hashes, licenses, level_of_support, end_of_support, properties, parent_ref, identity_id)
         SELECT $2, $3, x.ordinal, x.ref, x.type, x.name, x.group_name, x.version, x.purl, x.cpe, x.supplier, x.description, x.scope,
           coalesce(x.hashes, '[]'::jsonb), coalesce(ARRAY(SELECT jsonb_array_elements_text(x.licenses)), '{}'),
           x.level_of_support, x.end_of_support, coalesce(x.properties, '[]'::jsonb), x.parent_ref, i.id
         FROM ${recordset} JOIN component_identities i ON i.digest = ${digest}`,
        [doc, sbomId, releaseId],
      );
    },
    async insertDependencies(sbomId, deps) {
      const pairs = deps.flatMap((d) => d.dependsOn.map((on) => ({ ref: d.ref, depends_on: on })));
      for (let i = 0; i < pairs.length; i += 5000) {
        await q.query(
          `INSERT INTO component_dependencies (sbom_id, ref, depends_on)
           SELECT $1, x.ref, x.depends_on FROM jsonb_to_recordset($2::jsonb) AS x(ref text, depends_on text)
           ON CONFLICT DO NOTHING`,
          [sbomId, JSON.stringify(pairs.slice(i, i + 5000))],
        );
      }
    },
    async query(cq: ComponentQuery) {
      const where = [`c.release_id = $1`, `s.status = 'imported'`];
      const params: unknown[] = [cq.releaseId];
      if (cq.sbomId) where.push(`c.sbom_id = $${params.push(cq.sbomId)}::uuid`);
      if (cq.q && cq.q.trim()) {
        const p = `$${params.push(`%${escapeLike(cq.q.trim())}%`)}`;
        where.push(`(c.name ILIKE ${p} OR c.group_name ILIKE ${p} OR c.version ILIKE ${p} OR c.purl ILIKE ${p} OR c.supplier ILIKE ${p} OR c.cpe ILIKE ${p} OR array_to_string(c.licenses, ' ') ILIKE ${p})`);
      }
      const from = `FROM components c JOIN sboms s ON s.id = c.sbom_id WHERE ${where.join(' AND ')}`;
      const dir = cq.order === 'desc' ? 'DESC' : 'ASC';
      const { rows: countRows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
      const limit = `$${params.push(cq.limit)}`;
      const offset = `$${params.push(cq.offset)}`;
      const { rows } = await q.query<ComponentRow>(
        `SELECT c.id, c.sbom_id, s.label AS sbom_label, c.ref, c.type, c.name, c.group_name, c.version, c.purl, c.cpe, c.supplier,
           c.licenses, c.hashes, c.level_of_support, c.end_of_support, c.scope
         ${from} ORDER BY ${sortColumns[cq.sort]} ${dir} NULLS LAST, c.id ${dir} LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return {
        total: countRows[0]?.n ?? 0,
        items: rows.map((r) => ({
          id: String(r.id),
          sbomId: r.sbom_id,
          sbomLabel: r.sbom_label,
          ref: r.ref,
          type: r.type,
          name: r.name,
          group: r.group_name,
          version: r.version,
          purl: r.purl,
          cpe: r.cpe,
          supplier: r.supplier,
          licenses: r.licenses,
          hashes: r.hashes,
          levelOfSupport: r.level_of_support,
          endOfSupport: r.end_of_support,
          scope: r.scope,
        })),
      };
    },
    async countBySbom(sbomId) {
      const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM components WHERE sbom_id = $1', [sbomId]);
      return rows[0]?.n ?? 0;
    },
  };
}
