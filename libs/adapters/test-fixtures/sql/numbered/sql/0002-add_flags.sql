ALTER TABLE app.settings ADD COLUMN enabled boolean NOT NULL DEFAULT true;
INSERT INTO app.settings (key, value) VALUES ('theme', 'dark');
