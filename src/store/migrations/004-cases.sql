-- Regulatory cases: facts with their timeline, PSIRT roles, links, and the obligations the clock
-- engine derived from the facts (reconciled by obligation id, never deleted).

CREATE TABLE cases (
  id               uuid PRIMARY KEY,
  number           bigserial UNIQUE,
  title            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('vulnerability', 'incident', 'complaint', 'cvd-report', 'other')),
  status           text NOT NULL CHECK (status IN ('open', 'closed')),
  source_finding_id bigint REFERENCES findings(id) ON DELETE SET NULL,
  vuln_group_id    bigint REFERENCES vuln_groups(id) ON DELETE SET NULL,
  -- Current facts (CaseFacts JSON), derived from case_fact_changes and kept for reading.
  facts            jsonb NOT NULL,
  -- The last evaluation's trace, missing facts and packs (obligations live in case_obligations).
  evaluation       jsonb,
  evaluated_at     timestamptz,
  opened_at        timestamptz NOT NULL,
  opened_by        text NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX cases_status_idx ON cases (status, opened_at);

-- The timeline: every change of one fact (JSON pointer into the facts), in order.
CREATE TABLE case_fact_changes (
  id           bigserial PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  path         text NOT NULL,
  -- null: the fact was removed.
  value        jsonb,
  -- For time facts: the instant they name and the zone whose days count.
  instant      timestamptz,
  time_zone    text,
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL,
  note         text
);
CREATE INDEX case_fact_changes_case_idx ON case_fact_changes (case_id, id);

CREATE TABLE case_links (
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  target_type  text NOT NULL CHECK (target_type IN ('product', 'release', 'finding')),
  target_id    text NOT NULL,
  PRIMARY KEY (case_id, target_type, target_id)
);

CREATE TABLE case_roles (
  case_id  uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support')),
  user_id  uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
  PRIMARY KEY (case_id, role, user_id)
);

CREATE TABLE case_documents (
  id           uuid PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name         text NOT NULL,
  sha256       text NOT NULL,
  byte_size    integer NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  text NOT NULL,
  uploaded_at  timestamptz NOT NULL
);

CREATE TABLE case_obligations (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  -- The engine's obligation id (rule id, with #n for repeated obligations).
  obligation_key   text NOT NULL,
  rule_id          text NOT NULL,
  pack_id          text NOT NULL,
  pack_version     text NOT NULL,
  title            text NOT NULL,
  citation         text NOT NULL,
  period           text NOT NULL,
  trigger          jsonb,
  due_at           timestamptz,
  due_local        text,
  time_zone        text NOT NULL,
  -- When an open obligation becomes due soon (engine rule: min(dueSoonHours, a quarter of the period)).
  due_soon_at      timestamptz,
  status           text NOT NULL CHECK (status IN ('pending', 'due-soon', 'overdue', 'fulfilled', 'not-applicable')),
  provisional      boolean NOT NULL,
  assumptions      jsonb NOT NULL,
  missing_facts    jsonb NOT NULL,
  -- Engine: no longer applies (code, reason); user: marked not applicable with a signed justification.
  na_source        text CHECK (na_source IN ('engine', 'user')),
  na_code          text,
  na_reason        text,
  na_by            text,
  na_at            timestamptz,
  fulfilled_at     timestamptz,
  late             boolean NOT NULL DEFAULT false,
  fulfilled_by     text,
  reference        text,
  document_id      uuid REFERENCES case_documents(id),
  evaluated_at     timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  UNIQUE (case_id, obligation_key)
);
CREATE INDEX case_obligations_board_idx ON case_obligations (status, due_at);
