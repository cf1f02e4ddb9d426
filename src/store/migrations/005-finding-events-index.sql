-- Deleting or cascading from findings looked up finding_events without an index (quadratic on
-- large portfolios); index the foreign key.
CREATE INDEX finding_events_finding_idx ON finding_events (finding_id);
