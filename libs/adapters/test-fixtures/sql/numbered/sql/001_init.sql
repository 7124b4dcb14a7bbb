CREATE SCHEMA IF NOT EXISTS app;

CREATE TABLE app.settings (
    key text PRIMARY KEY,
    value text,
    updated_at timestamp DEFAULT now()
);
