-- Every column feature CREATE TABLE can spell.
CREATE TABLE IF NOT EXISTS shop.products (
    id              bigserial PRIMARY KEY,
    sku             character varying(40) NOT NULL UNIQUE,
    title           text NOT NULL,
    price           numeric(10, 2) NOT NULL CHECK (price > 0),
    weight          double precision,
    tags            text[] NOT NULL DEFAULT '{}',
    attributes      jsonb DEFAULT '{}'::jsonb,
    vendor_id       integer REFERENCES vendors (id) ON DELETE SET NULL,
    discontinued    boolean DEFAULT false,
    stocked_at      timestamp without time zone DEFAULT clock_timestamp(),
    updated_at      timestamptz(3) DEFAULT now(),
    row_version     int GENERATED ALWAYS AS IDENTITY,
    price_with_tax  numeric GENERATED ALWAYS AS (price * 1.2) STORED,
    CONSTRAINT products_title_not_blank CHECK (length(btrim(title)) > 0)
);

CREATE TABLE order_lines (
    order_id    bigint,
    product_id  bigint,
    quantity    smallint NOT NULL DEFAULT 1,
    PRIMARY KEY (order_id, product_id),
    FOREIGN KEY (product_id) REFERENCES shop.products (id) ON DELETE CASCADE
);

ALTER TABLE shop.products
    ADD COLUMN barcode varchar(14),
    ADD COLUMN IF NOT EXISTS created_by uuid NOT NULL DEFAULT uuid_generate_v4(),
    ALTER COLUMN weight TYPE numeric(8, 3) USING round(weight::numeric, 3),
    ALTER COLUMN title SET DEFAULT 'untitled',
    ALTER COLUMN discontinued DROP DEFAULT,
    ALTER COLUMN discontinued SET NOT NULL,
    ALTER COLUMN weight DROP NOT NULL,
    DROP COLUMN IF EXISTS attributes CASCADE,
    ADD CONSTRAINT products_barcode_digits CHECK (barcode ~ '^[0-9]+$') NOT VALID,
    DROP CONSTRAINT IF EXISTS products_legacy_check;

ALTER TABLE shop.products VALIDATE CONSTRAINT products_barcode_digits;
ALTER TABLE shop.products RENAME COLUMN title TO name;
ALTER TABLE order_lines RENAME TO line_items;
ALTER TABLE shop.products SET SCHEMA catalog;

TRUNCATE line_items;
DROP TABLE IF EXISTS line_items, legacy_lines CASCADE;
