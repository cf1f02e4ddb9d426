-- Findings stored per component identity (ADR 010). Everything the matcher reads of a component
-- (name, group, version, purl, CPE, supplier, hashes, properties) is its identity; instances with
-- the same identity always have the same matches. The match state of an identity and alias group is
-- stored once, in identity_findings; a finding of a component instance is a row of the `findings`
-- view: (instance, alias group), with the id '<component id>-<group id>'.

-- The identity's content address, computed in one place (imports, this migration, the bench).
CREATE FUNCTION component_identity_digest(name text, group_name text, version text, purl text, cpe text, supplier text, hashes jsonb, properties jsonb)
RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT md5(jsonb_build_array(name, group_name, version, purl, cpe, supplier, hashes, properties)::text)::uuid $$;

CREATE TABLE component_identities (
  id          bigserial PRIMARY KEY,
  digest      uuid NOT NULL UNIQUE,
  name        text NOT NULL,
  group_name  text,
  version     text,
  purl        text,
  cpe         text,
  supplier    text,
  hashes      jsonb NOT NULL,
  properties  jsonb NOT NULL
);

INSERT INTO component_identities (digest, name, group_name, version, purl, cpe, supplier, hashes, properties)
  SELECT DISTINCT ON (d) d, name, group_name, version, purl, cpe, supplier, hashes, properties
  FROM (SELECT component_identity_digest(name, group_name, version, purl, cpe, supplier, hashes, properties) AS d, * FROM components) x
  ORDER BY d;

ALTER TABLE components ADD COLUMN identity_id bigint REFERENCES component_identities(id);
UPDATE components c SET identity_id = i.id FROM component_identities i
  WHERE i.digest = component_identity_digest(c.name, c.group_name, c.version, c.purl, c.cpe, c.supplier, c.hashes, c.properties);
ALTER TABLE components ALTER COLUMN identity_id SET NOT NULL;
CREATE INDEX components_identity_idx ON components (identity_id);

-- Look-up keys (package keys, CSAF name and model keys, cpe:vendor:product), per identity.
CREATE TABLE identity_keys (
  identity_id bigint NOT NULL REFERENCES component_identities(id) ON DELETE CASCADE,
  key         text NOT NULL,
  PRIMARY KEY (identity_id, key)
);
CREATE INDEX identity_keys_key_idx ON identity_keys (key);
INSERT INTO identity_keys (identity_id, key)
  SELECT DISTINCT c.identity_id, k.key FROM component_keys k JOIN components c ON c.id = k.component_id;
DROP TABLE component_keys;

-- The reconciled match state of an identity with an alias group (inactive: retracted, kept).
CREATE TABLE identity_findings (
  id            bigserial PRIMARY KEY,
  identity_id   bigint NOT NULL REFERENCES component_identities(id) ON DELETE CASCADE,
  group_id      bigint NOT NULL,
  status        text NOT NULL CHECK (status IN ('affected', 'indeterminate')),
  confidence    text NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
  -- The explanation: how the identity met the group. Shown, never queried inside (json text).
  methods         json NOT NULL,
  fixed_versions  json NOT NULL,
  advisories      json NOT NULL,
  evidence        json NOT NULL,
  active        boolean NOT NULL,
  first_seen    timestamptz NOT NULL,
  last_changed  timestamptz NOT NULL,
  UNIQUE (identity_id, group_id)
);
CREATE INDEX identity_findings_group_idx ON identity_findings (group_id);

-- Instances of one identity had the same state, unless an earlier run stopped half-way: take the
-- latest state, the earliest first sighting.
INSERT INTO identity_findings (identity_id, group_id, status, confidence, methods, fixed_versions, advisories, evidence, active, first_seen, last_changed)
  SELECT l.identity_id, l.group_id, l.status, l.confidence, to_json(m.methods), to_json(m.fixed_versions), m.advisories::json, m.evidence::json, l.active, l.first_seen, l.last_changed
  FROM (
    SELECT c.identity_id, f.group_id,
      (array_agg(f.status ORDER BY f.last_changed DESC, f.id DESC))[1] AS status,
      (array_agg(f.confidence ORDER BY f.last_changed DESC, f.id DESC))[1] AS confidence,
      (array_agg(f.match_id ORDER BY f.last_changed DESC, f.id DESC))[1] AS match_id,
      (array_agg(f.active ORDER BY f.last_changed DESC, f.id DESC))[1] AS active,
      min(f.first_seen) AS first_seen, max(f.last_changed) AS last_changed
    FROM findings f JOIN components c ON c.id = f.component_id
    GROUP BY c.identity_id, f.group_id) l
  JOIN finding_matches m ON m.id = l.match_id;

-- The outbox now names an identity finding; `sbom_id` set: the event concerns that SBOM's
-- instances only (an import), else every instance of the identity.
ALTER TABLE finding_events ADD COLUMN identity_finding_id bigint;
ALTER TABLE finding_events ADD COLUMN sbom_id uuid;
UPDATE finding_events e SET identity_finding_id = i.id, sbom_id = f.sbom_id
  FROM findings f JOIN components c ON c.id = f.component_id JOIN identity_findings i ON i.identity_id = c.identity_id AND i.group_id = f.group_id
  WHERE f.id = e.finding_id;
ALTER TABLE finding_events DROP COLUMN finding_id;
ALTER TABLE finding_events ALTER COLUMN identity_finding_id SET NOT NULL;
ALTER TABLE finding_events ADD FOREIGN KEY (identity_finding_id) REFERENCES identity_findings(id) ON DELETE CASCADE;
CREATE INDEX finding_events_identity_finding_idx ON finding_events (identity_finding_id);

-- Cases refer to findings by their new id.
ALTER TABLE cases ADD COLUMN source_finding text;
UPDATE cases k SET source_finding = f.component_id::text || '-' || f.group_id::text FROM findings f WHERE f.id = k.source_finding_id;
ALTER TABLE cases DROP COLUMN source_finding_id;
ALTER TABLE cases RENAME COLUMN source_finding TO source_finding_id;
UPDATE case_links l SET target_id = f.component_id::text || '-' || f.group_id::text
  FROM findings f WHERE l.target_type = 'finding' AND l.target_id = f.id::text;

DROP TABLE findings;
-- Each identity finding keeps its own explanation: shared matches (migration 009) no longer save
-- anything once findings are per identity.
DROP TABLE finding_matches;

CREATE VIEW findings AS
  SELECT c.id::text || '-' || f.group_id::text AS id, c.id AS component_id, c.sbom_id, c.release_id, f.group_id,
    f.status, f.confidence, f.methods, f.fixed_versions, f.advisories, f.evidence, f.active,
    greatest(f.first_seen, coalesce(s.imported_at, s.uploaded_at)) AS first_seen,
    greatest(f.last_changed, coalesce(s.imported_at, s.uploaded_at)) AS last_changed,
    f.id AS identity_finding_id, f.identity_id
  FROM identity_findings f JOIN components c ON c.identity_id = f.identity_id JOIN sboms s ON s.id = c.sbom_id;
