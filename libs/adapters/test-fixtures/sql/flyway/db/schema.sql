-- A schema dump: describes the state, is not a step.
CREATE TABLE customers (id bigint PRIMARY KEY);
