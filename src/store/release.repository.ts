import type { NormalisedReleaseInput, Release } from '../domain/inventory/product.ts';
import type { ReleaseStore, ReleaseView } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso } from './rows.ts';

interface ReleaseRow {
  id: string;
  product_id: string;
  version: string;
  variant: string | null;
  release_date: string | null;
  support_status: Release['supportStatus'];
  end_of_support: string | null;
  created_at: Date;
  sbom_count?: number;
  component_count?: number;
}

function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    productId: r.product_id,
    version: r.version,
    variant: r.variant,
    releaseDate: r.release_date,
    supportStatus: r.support_status,
    endOfSupport: r.end_of_support,
    createdAt: iso(r.created_at),
  };
}

function toView(r: ReleaseRow): ReleaseView {
  return { ...toRelease(r), sbomCount: Number(r.sbom_count ?? 0), componentCount: Number(r.component_count ?? 0) };
}

const selectView = `
  SELECT r.*,
    (SELECT count(*) FROM sboms s WHERE s.release_id = r.id)::int AS sbom_count,
    (SELECT coalesce(sum(s.component_count), 0) FROM sboms s WHERE s.release_id = r.id AND s.status = 'imported')::int AS component_count
  FROM releases r`;

export function releaseRepository(q: Queryable): ReleaseStore {
  return {
    async insert(id, productId, input: NormalisedReleaseInput, at) {
      const { rows } = await q.query<ReleaseRow>(
        `INSERT INTO releases (id, product_id, version, variant, release_date, support_status, end_of_support, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
        [id, productId, input.version, input.variant, input.releaseDate, input.supportStatus, input.endOfSupport, at.toISOString()],
      );
      return toRelease(rows[0]!);
    },
    async find(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const { rows } = await q.query<ReleaseRow>(`${selectView} WHERE r.id = $1::uuid`, [id]);
      return rows[0] ? toView(rows[0]) : null;
    },
    async findByVersion(productId, version, variant) {
      const { rows } = await q.query<ReleaseRow>(
        `${selectView} WHERE r.product_id = $1 AND r.version = $2 AND coalesce(r.variant, '') = coalesce($3, '')`,
        [productId, version, variant],
      );
      return rows[0] ? toView(rows[0]) : null;
    },
    async listByProduct(productId) {
      const { rows } = await q.query<ReleaseRow>(`${selectView} WHERE r.product_id = $1 ORDER BY r.release_date DESC NULLS LAST, r.created_at DESC`, [productId]);
      return rows.map(toView);
    },
  };
}
