-- Foundation: accounts, inventory (products, releases, SBOMs, components), audit trail.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);

CREATE TABLE products (
  id                  uuid PRIMARY KEY,
  slug                text NOT NULL UNIQUE,
  name                text NOT NULL,
  manufacturer        text NOT NULL,
  model               text,
  device_class        text CHECK (device_class IN ('I', 'II', 'III')),
  regulatory_pathway  text CHECK (regulatory_pathway IN ('510k', 'de-novo', 'pma', 'hde', 'exempt')),
  cyber_includes_software   boolean NOT NULL DEFAULT false,
  cyber_connects_internet   boolean NOT NULL DEFAULT false,
  cyber_vulnerable          boolean NOT NULL DEFAULT false,
  markets             text[] NOT NULL DEFAULT '{}',
  service_life_years  integer,
  intended_use        text,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);

CREATE TABLE releases (
  id              uuid PRIMARY KEY,
  product_id      uuid NOT NULL REFERENCES products(id) ON DELETE RESTRICT,
  version         text NOT NULL,
  variant         text,
  release_date    date,
  support_status  text NOT NULL CHECK (support_status IN ('in-development', 'supported', 'limited', 'end-of-support')),
  end_of_support  date,
  created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX releases_identity_key ON releases (product_id, version, coalesce(variant, ''));

CREATE TABLE sboms (
  id               uuid PRIMARY KEY,
  release_id       uuid NOT NULL REFERENCES releases(id) ON DELETE RESTRICT,
  label            text NOT NULL CHECK (label IN ('firmware', 'operating-system', 'application', 'other')),
  filename         text NOT NULL,
  format           text NOT NULL,
  spec_version     text NOT NULL,
  serial_number    text,
  document_version integer,
  metadata         jsonb NOT NULL,
  status           text NOT NULL CHECK (status IN ('processing', 'imported', 'failed')),
  component_count  integer NOT NULL,
  byte_size        integer NOT NULL,
  sha256           text NOT NULL,
  uploaded_at      timestamptz NOT NULL,
  uploaded_by      text NOT NULL,
  job_id           text,
  progress_done    integer NOT NULL DEFAULT 0,
  error            text,
  imported_at      timestamptz
);
CREATE INDEX sboms_release_idx ON sboms (release_id);

-- The original document, byte for byte.
CREATE TABLE sbom_documents (
  sbom_id  uuid PRIMARY KEY REFERENCES sboms(id) ON DELETE CASCADE,
  content  bytea NOT NULL
);

-- Components of an SBOM. Rows of an SBOM whose status is not 'imported' are never shown:
-- an import writes them in batches and flips the SBOM's status last.
CREATE TABLE components (
  id               bigserial PRIMARY KEY,
  sbom_id          uuid NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  release_id       uuid NOT NULL,
  ordinal          integer NOT NULL,
  ref              text NOT NULL,
  type             text NOT NULL,
  name             text NOT NULL,
  group_name       text,
  version          text,
  purl             text,
  cpe              text,
  supplier         text,
  description      text,
  scope            text,
  hashes           jsonb NOT NULL DEFAULT '[]',
  licenses         text[] NOT NULL DEFAULT '{}',
  level_of_support text,
  end_of_support   text,
  properties       jsonb NOT NULL DEFAULT '[]',
  parent_ref       text,
  UNIQUE (sbom_id, ordinal)
);
CREATE INDEX components_release_idx ON components (release_id, name);
CREATE INDEX components_purl_idx ON components (purl);

CREATE TABLE component_dependencies (
  sbom_id     uuid NOT NULL REFERENCES sboms(id) ON DELETE CASCADE,
  ref         text NOT NULL,
  depends_on  text NOT NULL,
  PRIMARY KEY (sbom_id, ref, depends_on)
);

-- Append-only audit trail; each row carries the hash of the previous row.
CREATE TABLE audit_events (
  seq          bigint PRIMARY KEY,
  id           uuid NOT NULL UNIQUE,
  occurred_at  timestamptz NOT NULL,
  actor        text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text NOT NULL,
  before       jsonb,
  after        jsonb,
  reason       text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE instance_settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
