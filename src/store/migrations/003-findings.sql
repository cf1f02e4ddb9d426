-- Findings: one per (component instance, vulnerability alias group), reconciled, with evidence.

-- Keys under which a component is looked up when an advisory changes (package keys, CPE
-- vendor:product, source packages): written when the component is correlated.
CREATE TABLE component_keys (
  component_id bigint NOT NULL REFERENCES components(id) ON DELETE CASCADE,
  key          text NOT NULL,
  PRIMARY KEY (component_id, key)
);
CREATE INDEX component_keys_key_idx ON component_keys (key);

CREATE TABLE findings (
  id              bigserial PRIMARY KEY,
  component_id    bigint NOT NULL REFERENCES components(id) ON DELETE CASCADE,
  sbom_id         uuid NOT NULL,
  release_id      uuid NOT NULL,
  group_id        bigint NOT NULL,
  status          text NOT NULL CHECK (status IN ('affected', 'indeterminate')),
  confidence      text NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
  methods         text[] NOT NULL,
  fixed_versions  text[] NOT NULL,
  advisories      jsonb NOT NULL,
  evidence        jsonb NOT NULL,
  -- Inactive: the match no longer holds (advisory withdrawn or range changed); kept with its history.
  active          boolean NOT NULL,
  first_seen      timestamptz NOT NULL,
  last_changed    timestamptz NOT NULL,
  UNIQUE (component_id, group_id)
);
CREATE INDEX findings_release_idx ON findings (release_id, active);
CREATE INDEX findings_group_idx ON findings (group_id);

-- Outbox of finding changes (new, retracted, reactivated, changed), delivered later by workers.
CREATE TABLE finding_events (
  id           bigserial PRIMARY KEY,
  finding_id   bigint NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('new', 'retracted', 'reactivated', 'changed')),
  occurred_at  timestamptz NOT NULL,
  payload      jsonb NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX finding_events_pending_idx ON finding_events (id) WHERE delivered_at IS NULL;
