CREATE OR REPLACE VIEW customer_summary AS
SELECT c.id, c.email, count(o.id) AS orders
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id -- every customer, even without orders
GROUP BY c.id, c.email;
