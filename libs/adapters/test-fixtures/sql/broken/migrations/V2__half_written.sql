ALTER TABLE accounts ADD COLUMN name text;

ALTER TABLE accounts ADD COLUMN ;

ALTER TABLE accounts ADD COLUMN age int;
