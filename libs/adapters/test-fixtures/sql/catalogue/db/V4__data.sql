INSERT INTO shop.products (sku, name, price) VALUES ('A-1', 'Anvil', 99.5);
UPDATE shop.products SET discontinued = true WHERE price > 1000;
UPDATE shop.products SET name = upper(name);
DELETE FROM shop.products WHERE discontinued;
COPY shop.products (sku, name, price) FROM '/var/lib/seed/products.csv' WITH (FORMAT csv);
