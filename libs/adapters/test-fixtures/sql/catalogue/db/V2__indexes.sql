CREATE INDEX products_vendor_idx ON shop.products (vendor_id);
CREATE UNIQUE INDEX IF NOT EXISTS products_live_sku_key
    ON shop.products USING btree (lower(sku), vendor_id)
    WHERE discontinued IS NOT TRUE;
CREATE INDEX ON shop.products USING gin (tags);
ALTER INDEX products_vendor_idx RENAME TO products_vendor_id_idx;
DROP INDEX IF EXISTS products_old_idx;
