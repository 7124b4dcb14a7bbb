CREATE TABLE audit_log (id bigint);

BEGIN;
ALTER TABLE audit_log ADD COLUMN at timestamptz DEFAULT statement_timestamp();
INSERT INTO audit_log (id) VALUES (1);
COMMIT;

ALTER TABLE audit_log ADD COLUMN actor text;
