-- Flyway sees CONCURRENTLY and runs this migration outside a transaction.
CREATE INDEX CONCURRENTLY customers_lower_email_idx ON customers (lower(email));
