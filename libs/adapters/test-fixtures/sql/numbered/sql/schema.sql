CREATE TABLE app.settings (key text PRIMARY KEY);
