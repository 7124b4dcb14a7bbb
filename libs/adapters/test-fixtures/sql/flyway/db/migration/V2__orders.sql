CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL,
    total       numeric(12,2) NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
        REFERENCES customers (id) ON DELETE RESTRICT NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
