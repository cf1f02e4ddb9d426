-- Thin findings: the evidence of a match is stored once per distinct content in finding_matches
-- and shared by every finding of the same component identity and alias group (across a portfolio,
-- release after release carries the same components). The id is the MD5 of the content, as a uuid.
CREATE TABLE finding_matches (
  id              uuid PRIMARY KEY,
  methods         text[] NOT NULL,
  fixed_versions  text[] NOT NULL,
  advisories      jsonb NOT NULL,
  evidence        jsonb NOT NULL
);

ALTER TABLE findings ADD COLUMN match_id uuid;
UPDATE findings SET match_id = md5(jsonb_build_array(to_jsonb(methods), to_jsonb(fixed_versions), advisories, evidence)::text)::uuid;
INSERT INTO finding_matches (id, methods, fixed_versions, advisories, evidence)
  SELECT DISTINCT ON (match_id) match_id, methods, fixed_versions, advisories, evidence FROM findings ORDER BY match_id;
ALTER TABLE findings ALTER COLUMN match_id SET NOT NULL;
ALTER TABLE findings DROP COLUMN methods;
ALTER TABLE findings DROP COLUMN fixed_versions;
ALTER TABLE findings DROP COLUMN advisories;
ALTER TABLE findings DROP COLUMN evidence;
