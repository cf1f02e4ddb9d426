import type { NormalisedProductInput, Product } from '../domain/inventory/product.ts';
import type { ProductStore, ProductView } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso } from './rows.ts';

interface ProductRow {
  id: string;
  slug: string;
  name: string;
  manufacturer: string;
  model: string | null;
  device_class: Product['deviceClass'];
  regulatory_pathway: Product['regulatoryPathway'];
  cyber_includes_software: boolean;
  cyber_connects_internet: boolean;
  cyber_vulnerable: boolean;
  markets: string[];
  service_life_years: number | null;
  intended_use: string | null;
  created_at: Date;
  updated_at: Date;
  release_count?: number;
  component_count?: number;
}

function toProduct(r: ProductRow): Product {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    manufacturer: r.manufacturer,
    model: r.model,
    deviceClass: r.device_class,
    regulatoryPathway: r.regulatory_pathway,
    cyberDeviceCriteria: {
      includesSoftware: r.cyber_includes_software,
      connectsToInternet: r.cyber_connects_internet,
      vulnerableCharacteristics: r.cyber_vulnerable,
    },
    markets: r.markets,
    serviceLifeYears: r.service_life_years,
    intendedUse: r.intended_use,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toView(r: ProductRow): ProductView {
  return { ...toProduct(r), releaseCount: Number(r.release_count ?? 0), componentCount: Number(r.component_count ?? 0) };
}

const selectView = `
  SELECT p.*,
    (SELECT count(*) FROM releases r WHERE r.product_id = p.id)::int AS release_count,
    (SELECT coalesce(sum(s.component_count), 0) FROM sboms s JOIN releases r ON r.id = s.release_id
      WHERE r.product_id = p.id AND s.status = 'imported')::int AS component_count
  FROM products p`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function productRepository(q: Queryable): ProductStore {
  return {
    async insert(id, p: NormalisedProductInput, at) {
      const { rows } = await q.query<ProductRow>(
        `INSERT INTO products (id, slug, name, manufacturer, model, device_class, regulatory_pathway,
           cyber_includes_software, cyber_connects_internet, cyber_vulnerable, markets, service_life_years, intended_use, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14) RETURNING *`,
        [id, p.slug, p.name, p.manufacturer, p.model, p.deviceClass, p.regulatoryPathway,
          p.cyberDeviceCriteria.includesSoftware, p.cyberDeviceCriteria.connectsToInternet, p.cyberDeviceCriteria.vulnerableCharacteristics,
          p.markets, p.serviceLifeYears, p.intendedUse, at.toISOString()],
      );
      return toProduct(rows[0]!);
    },
    async find(idOrSlug) {
      const byId = uuidPattern.test(idOrSlug);
      const { rows } = await q.query<ProductRow>(`${selectView} WHERE ${byId ? 'p.id = $1::uuid' : 'p.slug = $1'}`, [idOrSlug]);
      return rows[0] ? toView(rows[0]) : null;
    },
    async list() {
      const { rows } = await q.query<ProductRow>(`${selectView} ORDER BY p.name, p.slug`);
      return rows.map(toView);
    },
    async slugExists(slug) {
      const { rows } = await q.query('SELECT 1 FROM products WHERE slug = $1', [slug]);
      return rows.length > 0;
    },
  };
}
