-- Administrators, the case lifecycle (severity, close and reopen) and case tasks from playbooks.

-- Administrators may change organisation-wide settings. The first user (the administrator created
-- on first start) is one.
ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
UPDATE users SET is_admin = true WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1);

ALTER TABLE cases ADD COLUMN severity text NOT NULL DEFAULT 'medium' CHECK (severity IN ('critical', 'high', 'medium', 'low'));
ALTER TABLE cases ADD COLUMN closed_at timestamptz;
ALTER TABLE cases ADD COLUMN closed_by text;
ALTER TABLE cases ADD COLUMN resolution text;
-- Set when the case was closed while obligations were still open (force, with this reason).
ALTER TABLE cases ADD COLUMN forced_close_reason text;

CREATE TABLE case_tasks (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  -- Playbook and task key it was planned from; null for ad-hoc tasks.
  playbook        text,
  template_key    text,
  ordinal         integer NOT NULL,
  title           text NOT NULL,
  role            text CHECK (role IN ('lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support')),
  assignee_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  due_at          timestamptz,
  -- True when a person set the due date: a severity change no longer re-plans it.
  due_manual      boolean NOT NULL DEFAULT false,
  status          text NOT NULL CHECK (status IN ('open', 'done', 'skipped')),
  done_by         text,
  done_at         timestamptz,
  note            text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (case_id, playbook, template_key)
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, ordinal);
CREATE INDEX case_tasks_assignee_idx ON case_tasks (assignee_id, status, due_at);
