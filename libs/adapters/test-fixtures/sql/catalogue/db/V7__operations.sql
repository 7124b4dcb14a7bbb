-- squawk-ignore-file prefer-robust-stmts
SET LOCAL lock_timeout = '2s';
LOCK TABLE shop.products IN SHARE MODE;
-- atlas:nolint DS103
ALTER TABLE shop.products DROP COLUMN legacy_code;
ALTER TABLE shop.products SET (fillfactor = 80), ENABLE ROW LEVEL SECURITY, DISABLE TRIGGER products_touch;
ALTER TABLE shop.events ATTACH PARTITION shop.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE DOMAIN shop.sku AS text NOT NULL CHECK (VALUE ~ '^[A-Z0-9]+$');
ALTER TYPE shop.product_state ADD VALUE IF NOT EXISTS 'retired' AFTER 'active';
CREATE INDEX products_title_idx ON shop.products (title) INCLUDE (price);
DROP TRIGGER IF EXISTS products_touch ON shop.products;
DROP FUNCTION IF EXISTS shop.touch() CASCADE;
REINDEX INDEX shop.products_title_idx;
ANALYZE shop.products;
