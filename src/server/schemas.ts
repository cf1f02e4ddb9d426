/**
 * Request and response schemas, declared once: Fastify validates with them, serialises with
 * them, and publishes them as the OpenAPI document.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { deviceClasses, regulatoryPathways, sbomLabels, supportStatuses } from '../domain/inventory/product.ts';

// null first: with type coercion on, the other branch would otherwise turn null into 0 or ''.
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Enum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Date, YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time' });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable error code (docs/errors.md)' }),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'application/problem+json' },
);

export const UserSchema = Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), isAdmin: Type.Boolean({ description: 'May change organisation settings' }) }, { $id: 'User' });

export const SessionSchema = Type.Object({ user: Type.Ref(UserSchema), csrfToken: Type.String() }, { $id: 'Session' });

export const LoginSchema = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

export const CyberCriteriaSchema = Type.Object(
  {
    includesSoftware: Type.Boolean({ description: '§524B(c)(1): includes software validated, installed or authorised by the sponsor' }),
    connectsToInternet: Type.Boolean({ description: '§524B(c)(2): can connect to the internet' }),
    vulnerableCharacteristics: Type.Boolean({ description: '§524B(c)(3): has characteristics that could be vulnerable to cybersecurity threats' }),
  },
  { $id: 'CyberDeviceCriteria', additionalProperties: false },
);

export const ProductSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    manufacturer: Type.String(),
    model: Nullable(Type.String()),
    deviceClass: Nullable(Enum(deviceClasses)),
    regulatoryPathway: Nullable(Enum(regulatoryPathways)),
    cyberDevice: Type.Boolean({ description: 'True when all three §524B criteria hold' }),
    cyberDeviceCriteria: Type.Ref(CyberCriteriaSchema),
    markets: Type.Array(Type.String()),
    serviceLifeYears: Nullable(Type.Integer()),
    intendedUse: Nullable(Type.String()),
    releaseCount: Type.Integer(),
    componentCount: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Product' },
);

export const ProductInputSchema = Type.Object(
  {
    slug: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    manufacturer: Type.String({ minLength: 1, maxLength: 200 }),
    model: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    deviceClass: Type.Optional(Nullable(Enum(deviceClasses))),
    regulatoryPathway: Type.Optional(Nullable(Enum(regulatoryPathways))),
    cyberDeviceCriteria: Type.Optional(Type.Partial(Type.Object({ includesSoftware: Type.Boolean(), connectsToInternet: Type.Boolean(), vulnerableCharacteristics: Type.Boolean() }), { additionalProperties: false })),
    markets: Type.Optional(Type.Array(Type.String({ maxLength: 8 }), { maxItems: 300 })),
    serviceLifeYears: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    intendedUse: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why (kept in the audit trail)' })),
  },
  { additionalProperties: false },
);

export const ReleaseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    productId: Type.String({ format: 'uuid' }),
    version: Type.String(),
    variant: Nullable(Type.String()),
    releaseDate: Nullable(DateOnly),
    supportStatus: Enum(supportStatuses),
    endOfSupport: Nullable(DateOnly),
    sbomCount: Type.Integer(),
    componentCount: Type.Integer(),
    createdAt: Instant,
  },
  { $id: 'Release' },
);

export const ReleaseInputSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 100 }),
    variant: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    releaseDate: Type.Optional(Nullable(DateOnly)),
    supportStatus: Type.Optional(Enum(supportStatuses)),
    endOfSupport: Type.Optional(Nullable(DateOnly)),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const SbomSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    releaseId: Type.String({ format: 'uuid' }),
    label: Enum(sbomLabels),
    filename: Type.String(),
    format: Type.String(),
    specVersion: Type.String(),
    serialNumber: Nullable(Type.String()),
    status: Enum(['processing', 'imported', 'failed'] as const),
    componentCount: Type.Integer(),
    byteSize: Type.Integer(),
    sha256: Type.String(),
    uploadedAt: Instant,
    uploadedBy: Type.String(),
    jobId: Nullable(Type.String()),
    progress: Nullable(Type.Object({ done: Type.Integer(), total: Type.Integer() })),
    error: Nullable(Type.String()),
  },
  { $id: 'Sbom' },
);

export const SbomUploadQuerySchema = Type.Object(
  {
    label: Enum(sbomLabels, 'What the SBOM describes'),
    filename: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);

export const ComponentSchema = Type.Object(
  {
    id: Type.String(),
    sbomId: Type.String(),
    sbomLabel: Enum(sbomLabels),
    ref: Type.String(),
    type: Type.String(),
    name: Type.String(),
    group: Nullable(Type.String()),
    version: Nullable(Type.String()),
    purl: Nullable(Type.String()),
    cpe: Nullable(Type.String()),
    supplier: Nullable(Type.String()),
    licenses: Type.Array(Type.String()),
    hashes: Type.Array(Type.Object({ alg: Type.String(), content: Type.String() })),
    levelOfSupport: Nullable(Type.String({ description: 'FDA: level of support' })),
    endOfSupport: Nullable(Type.String({ description: 'FDA: end-of-support date' })),
    scope: Nullable(Type.String()),
  },
  { $id: 'Component' },
);

export const ComponentQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search in name, group, version, purl, cpe, supplier, licences' })),
    sort: Type.Optional(Enum(['name', 'version', 'type', 'supplier', 'purl', 'license'] as const)),
    order: Type.Optional(Enum(['asc', 'desc'] as const)),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    sbomId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    tokenPrefix: Type.String({ description: 'First characters of the token, to recognise it' }),
    createdAt: Instant,
    expiresAt: Nullable(Instant),
    lastUsedAt: Nullable(Instant),
    revokedAt: Nullable(Instant),
  },
  { $id: 'ApiToken' },
);

export const AuditEventSchema = Type.Object(
  {
    seq: Type.Integer(),
    id: Type.String(),
    occurredAt: Instant,
    actor: Type.String(),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
    reason: Nullable(Type.String()),
    hash: Type.String(),
  },
  { $id: 'AuditEvent' },
);

export const sharedSchemas = [ProblemSchema, UserSchema, SessionSchema, CyberCriteriaSchema, ProductSchema, ReleaseSchema, SbomSchema, ComponentSchema, ApiTokenSchema, AuditEventSchema];

export const problemResponses = {
  400: Type.Ref(ProblemSchema),
  401: Type.Ref(ProblemSchema),
  403: Type.Ref(ProblemSchema),
  404: Type.Ref(ProblemSchema),
  409: Type.Ref(ProblemSchema),
};

export type ProductInputBody = Static<typeof ProductInputSchema>;
export type ReleaseInputBody = Static<typeof ReleaseInputSchema>;
export type ComponentQueryString = Static<typeof ComponentQuerySchema>;
export { Type };
