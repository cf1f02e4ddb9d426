-- Outbox of notifications (obligation reminders and escalations by e-mail and webhook): written in
-- the transaction that decides to send them, delivered by workers with retries. Rows are never
-- deleted: a delivered row is the record that the message went out, a dead one stays visible.

CREATE TABLE notifications (
  id               uuid PRIMARY KEY,
  -- Idempotency: obligation id, reminder point, due instant, channel and target. Enqueued once.
  key              text NOT NULL UNIQUE,
  channel          text NOT NULL CHECK (channel IN ('email', 'webhook')),
  -- E-mail address, or the webhook URL.
  target           text NOT NULL,
  subject          text NOT NULL,
  -- The e-mail text; the webhook body is built from payload.
  body             text NOT NULL,
  payload          jsonb NOT NULL,
  case_id          uuid REFERENCES cases(id) ON DELETE SET NULL,
  obligation_id    uuid REFERENCES case_obligations(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  -- When a worker may next try it. A worker claiming it pushes this out by a lease, so a crashed
  -- worker's message is picked up again once the lease ends.
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  -- Every failed attempt: [{ "at": instant, "error": text }].
  errors           jsonb NOT NULL DEFAULT '[]'::jsonb,
  delivered_at     timestamptz,
  dead_at          timestamptz,
  -- Not sent: the obligation was settled (or its case closed) or its deadline moved first.
  cancelled_at     timestamptz,
  CHECK ((delivered_at IS NOT NULL)::int + (dead_at IS NOT NULL)::int + (cancelled_at IS NOT NULL)::int <= 1)
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX notifications_created_idx ON notifications (created_at DESC);
CREATE INDEX notifications_obligation_idx ON notifications (obligation_id);
