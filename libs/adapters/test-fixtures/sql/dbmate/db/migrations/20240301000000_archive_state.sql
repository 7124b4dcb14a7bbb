-- migrate:up
ALTER TYPE project_state ADD VALUE 'deleted' AFTER 'archived';
ALTER TYPE project_state RENAME VALUE 'live' TO 'active';

-- migrate:down
ALTER TYPE project_state RENAME VALUE 'active' TO 'live';
