-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_owner_id_idx ON projects (owner_id);
DROP INDEX CONCURRENTLY IF EXISTS projects_legacy_idx;

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS projects_owner_id_idx;
