-- The only statement of the file: golang-migrate sends it alone, outside any transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON users USING btree (lower(email));
