-- Vulnerability intelligence: every source's advisories, alias groups, KEV, EPSS, feed state.

-- One group per vulnerability: every identifier (CVE, GHSA, OSV id, ICSMA id…) belongs to one group.
CREATE TABLE vuln_groups (
  id          bigserial PRIMARY KEY,
  -- The id shown for the group: its CVE when it has exactly one, else the smallest identifier.
  primary_id  text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX vuln_groups_primary_idx ON vuln_groups (primary_id);

CREATE TABLE vuln_identifiers (
  identifier  text PRIMARY KEY,
  group_id    bigint NOT NULL REFERENCES vuln_groups(id)
);
CREATE INDEX vuln_identifiers_group_idx ON vuln_identifiers (group_id);

-- One row per (source, id): the source's current view, normalised, and its raw record.
CREATE TABLE advisories (
  source       text NOT NULL,
  advisory_id  text NOT NULL,
  group_id     bigint NOT NULL REFERENCES vuln_groups(id),
  summary      text,
  published    timestamptz,
  modified     timestamptz NOT NULL,
  withdrawn    timestamptz,
  max_cvss     numeric(3, 1),
  data         jsonb NOT NULL,
  raw          jsonb,
  content_hash text NOT NULL,
  first_seen   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (source, advisory_id)
);
CREATE INDEX advisories_group_idx ON advisories (group_id);
CREATE INDEX advisories_modified_idx ON advisories (modified);

-- Earlier versions of each advisory (history), appended when a source changes a record.
CREATE TABLE advisory_revisions (
  source       text NOT NULL,
  advisory_id  text NOT NULL,
  modified     timestamptz NOT NULL,
  data         jsonb NOT NULL,
  replaced_at  timestamptz NOT NULL
);
CREATE INDEX advisory_revisions_idx ON advisory_revisions (source, advisory_id, modified);

-- The packages an advisory names, keyed for matching (purl type/namespace/name, or ecosystem/name).
CREATE TABLE advisory_packages (
  source       text NOT NULL,
  advisory_id  text NOT NULL,
  ordinal      integer NOT NULL,
  package_key  text NOT NULL,
  ecosystem    text,
  data         jsonb NOT NULL,
  PRIMARY KEY (source, advisory_id, ordinal),
  FOREIGN KEY (source, advisory_id) REFERENCES advisories(source, advisory_id) ON DELETE CASCADE
);
CREATE INDEX advisory_packages_key_idx ON advisory_packages (package_key);

-- CPE match criteria (NVD configurations, CSAF helpers), keyed by vendor:product.
CREATE TABLE advisory_cpes (
  source       text NOT NULL,
  advisory_id  text NOT NULL,
  ordinal      integer NOT NULL,
  vendor_product text NOT NULL,
  data         jsonb NOT NULL,
  PRIMARY KEY (source, advisory_id, ordinal),
  FOREIGN KEY (source, advisory_id) REFERENCES advisories(source, advisory_id) ON DELETE CASCADE
);
CREATE INDEX advisory_cpes_vp_idx ON advisory_cpes (vendor_product);

CREATE TABLE kev_entries (
  cve_id        text PRIMARY KEY,
  date_added    date NOT NULL,
  due_date      date,
  ransomware    boolean NOT NULL,
  data          jsonb NOT NULL,
  first_seen    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  -- Set when the entry disappeared from the catalog (kept, never deleted).
  removed_at    timestamptz
);

CREATE TABLE epss_scores (
  cve_id      text NOT NULL,
  score_date  date NOT NULL,
  epss        real NOT NULL,
  percentile  real NOT NULL,
  PRIMARY KEY (cve_id, score_date)
);

CREATE TABLE epss_latest (
  cve_id      text PRIMARY KEY,
  score_date  date NOT NULL,
  epss        real NOT NULL,
  percentile  real NOT NULL
);

-- Per feed: the committed watermark (resume point), status and counters.
CREATE TABLE feed_state (
  source           text PRIMARY KEY,
  watermark        jsonb,
  status           text NOT NULL DEFAULT 'idle' CHECK (status IN ('idle', 'running', 'failed')),
  progress         jsonb,
  last_started_at  timestamptz,
  last_success_at  timestamptz,
  last_error       text,
  last_error_at    timestamptz,
  records_total    bigint NOT NULL DEFAULT 0,
  problems_total   bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL
);

-- Records a feed could not read: reported, skipped, kept for the status page.
CREATE TABLE feed_problems (
  id           bigserial PRIMARY KEY,
  source       text NOT NULL,
  record_id    text,
  location     text NOT NULL,
  reason       text NOT NULL,
  occurred_at  timestamptz NOT NULL
);
CREATE INDEX feed_problems_source_idx ON feed_problems (source, id DESC);
