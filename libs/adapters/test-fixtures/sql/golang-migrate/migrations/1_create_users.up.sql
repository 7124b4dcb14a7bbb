CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    display_name varchar(80),
    is_admin boolean NOT NULL DEFAULT false
);

CREATE INDEX users_display_name_idx ON users (display_name);
