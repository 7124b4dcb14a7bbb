CREATE TYPE shop.product_kind AS ENUM ('physical', 'digital');
ALTER TYPE shop.product_kind ADD VALUE IF NOT EXISTS 'service';
ALTER TYPE shop.product_kind RENAME VALUE 'digital' TO 'download';
DROP TYPE IF EXISTS legacy_kind;

CREATE VIEW cheap_products AS SELECT id, name FROM shop.products WHERE price < 10;
CREATE MATERIALIZED VIEW product_counts AS
    SELECT vendor_id, count(*) AS products FROM shop.products GROUP BY vendor_id
    WITH NO DATA;
ALTER VIEW cheap_products RENAME TO bargain_products;
DROP MATERIALIZED VIEW IF EXISTS product_counts;

CREATE SEQUENCE invoice_numbers START 1000;
ALTER SEQUENCE invoice_numbers INCREMENT BY 10;
DROP SEQUENCE invoice_numbers;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
ALTER EXTENSION "uuid-ossp" UPDATE TO '1.1';
DROP EXTENSION IF EXISTS hstore CASCADE;

COMMENT ON TABLE shop.products IS 'What the shop sells';
COMMENT ON COLUMN shop.products.price IS NULL;
