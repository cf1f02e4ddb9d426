/**
 * Products (devices or software products) and their releases: the inventory's identity layer.
 */
import { VigilError } from '../errors.ts';

export const deviceClasses = ['I', 'II', 'III'] as const;
export type DeviceClass = (typeof deviceClasses)[number];

export const regulatoryPathways = ['510k', 'de-novo', 'pma', 'hde', 'exempt'] as const;
export type RegulatoryPathway = (typeof regulatoryPathways)[number];

export const supportStatuses = ['in-development', 'supported', 'limited', 'end-of-support'] as const;
export type SupportStatus = (typeof supportStatuses)[number];

export const sbomLabels = ['firmware', 'operating-system', 'application', 'other'] as const;
export type SbomLabel = (typeof sbomLabels)[number];

/**
 * FD&C Act §524B(c): a "cyber device" (1) includes software validated, installed or authorised by
 * the sponsor as a device or in a device, (2) can connect to the internet, and (3) contains
 * technological characteristics that could be vulnerable to cybersecurity threats.
 */
export interface CyberDeviceCriteria {
  readonly includesSoftware: boolean;
  readonly connectsToInternet: boolean;
  readonly vulnerableCharacteristics: boolean;
}

export function isCyberDevice(c: CyberDeviceCriteria): boolean {
  return c.includesSoftware && c.connectsToInternet && c.vulnerableCharacteristics;
}

export interface Product {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly model: string | null;
  readonly deviceClass: DeviceClass | null;
  readonly regulatoryPathway: RegulatoryPathway | null;
  readonly cyberDeviceCriteria: CyberDeviceCriteria;
  readonly markets: readonly string[];
  readonly serviceLifeYears: number | null;
  readonly intendedUse: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ProductInput {
  slug?: string | null;
  name: string;
  manufacturer: string;
  model?: string | null;
  deviceClass?: DeviceClass | null;
  regulatoryPathway?: RegulatoryPathway | null;
  cyberDeviceCriteria?: Partial<CyberDeviceCriteria> | null;
  markets?: readonly string[];
  serviceLifeYears?: number | null;
  intendedUse?: string | null;
}

export interface Release {
  readonly id: string;
  readonly productId: string;
  readonly version: string;
  readonly variant: string | null;
  readonly releaseDate: string | null;
  readonly supportStatus: SupportStatus;
  readonly endOfSupport: string | null;
  readonly createdAt: string;
}

export interface ReleaseInput {
  version: string;
  variant?: string | null;
  releaseDate?: string | null;
  supportStatus?: SupportStatus;
  endOfSupport?: string | null;
}

/** Lower-case, ASCII, hyphen-separated identifier derived from a name. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug || 'product';
}

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Market codes: ISO 3166-1 alpha-2 country codes, or EU for the European Union. */
const marketPattern = /^[A-Z]{2}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!datePattern.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

function invalid(field: string, message: string): VigilError {
  return new VigilError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ path: `$.${field}`, message }] });
}

function text(field: string, v: unknown, max: number, required: boolean): string | null {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw invalid(field, 'is required');
    return null;
  }
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  const t = v.trim();
  if (t.length > max) throw invalid(field, `must be at most ${max} characters`);
  return t;
}

export interface NormalisedProductInput {
  slug: string;
  name: string;
  manufacturer: string;
  model: string | null;
  deviceClass: DeviceClass | null;
  regulatoryPathway: RegulatoryPathway | null;
  cyberDeviceCriteria: CyberDeviceCriteria;
  markets: string[];
  serviceLifeYears: number | null;
  intendedUse: string | null;
}

export function normaliseProductInput(input: ProductInput): NormalisedProductInput {
  const name = text('name', input.name, 200, true)!;
  const manufacturer = text('manufacturer', input.manufacturer, 200, true)!;
  const slug = input.slug ? text('slug', input.slug, 64, true)! : slugify(name);
  if (!slugPattern.test(slug)) throw invalid('slug', 'must be lower-case letters, digits and hyphens (1–64)');
  if (input.deviceClass != null && !deviceClasses.includes(input.deviceClass)) throw invalid('deviceClass', `must be one of ${deviceClasses.join(', ')}`);
  if (input.regulatoryPathway != null && !regulatoryPathways.includes(input.regulatoryPathway)) throw invalid('regulatoryPathway', `must be one of ${regulatoryPathways.join(', ')}`);
  const markets = [...new Set((input.markets ?? []).map((m) => String(m).trim().toUpperCase()))];
  for (const m of markets) if (!marketPattern.test(m)) throw invalid('markets', `'${m}' is not a two-letter market code (ISO 3166-1 alpha-2, or EU)`);
  markets.sort();
  const life = input.serviceLifeYears;
  if (life != null && (!Number.isInteger(life) || life < 0 || life > 100)) throw invalid('serviceLifeYears', 'must be a whole number of years between 0 and 100');
  const c = input.cyberDeviceCriteria ?? {};
  return {
    slug,
    name,
    manufacturer,
    model: text('model', input.model, 200, false),
    deviceClass: input.deviceClass ?? null,
    regulatoryPathway: input.regulatoryPathway ?? null,
    cyberDeviceCriteria: {
      includesSoftware: c.includesSoftware === true,
      connectsToInternet: c.connectsToInternet === true,
      vulnerableCharacteristics: c.vulnerableCharacteristics === true,
    },
    markets,
    serviceLifeYears: life ?? null,
    intendedUse: text('intendedUse', input.intendedUse, 4000, false),
  };
}

export interface NormalisedReleaseInput {
  version: string;
  variant: string | null;
  releaseDate: string | null;
  supportStatus: SupportStatus;
  endOfSupport: string | null;
}

export function normaliseReleaseInput(input: ReleaseInput): NormalisedReleaseInput {
  const version = text('version', input.version, 100, true)!;
  const variant = text('variant', input.variant, 100, false);
  const releaseDate = text('releaseDate', input.releaseDate, 10, false);
  if (releaseDate && !isRealDate(releaseDate)) throw invalid('releaseDate', 'must be a date YYYY-MM-DD');
  const endOfSupport = text('endOfSupport', input.endOfSupport, 10, false);
  if (endOfSupport && !isRealDate(endOfSupport)) throw invalid('endOfSupport', 'must be a date YYYY-MM-DD');
  if (releaseDate && endOfSupport && endOfSupport < releaseDate) throw invalid('endOfSupport', 'must not be before the release date');
  const supportStatus = input.supportStatus ?? 'supported';
  if (!supportStatuses.includes(supportStatus)) throw invalid('supportStatus', `must be one of ${supportStatuses.join(', ')}`);
  return { version, variant, releaseDate, supportStatus, endOfSupport };
}
