SET lock_timeout = '5s';
CREATE SCHEMA IF NOT EXISTS reporting;
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER products_touch BEFORE UPDATE ON shop.products
    FOR EACH ROW EXECUTE FUNCTION shop.touch();
CREATE POLICY vendor_rows ON shop.products USING (vendor_id = current_setting('app.vendor')::int);
GRANT SELECT ON shop.products TO reporting_role;
DO $$ BEGIN RAISE NOTICE 'migrated'; END $$;
ALTER TABLE shop.products RENAME CONSTRAINT products_title_not_blank TO products_name_not_blank;
ALTER TABLE shop.products OWNER TO shop_owner, ADD COLUMN note text;
SELECT setval('shop.products_id_seq', 1000);
