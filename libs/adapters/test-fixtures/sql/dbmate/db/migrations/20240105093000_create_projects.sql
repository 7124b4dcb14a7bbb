-- migrate:up
CREATE TYPE project_state AS ENUM ('draft', 'live', 'archived');

CREATE TABLE projects (
    id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    owner_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    state project_state NOT NULL DEFAULT 'draft',
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    started_on date DEFAULT CURRENT_DATE
);

-- migrate:down
DROP TABLE projects;
DROP TYPE project_state;
