ALTER TABLE customers ADD COLUMN phone varchar(32);

-- A volatile default: every existing row gets its own value, so the table is rewritten.
ALTER TABLE customers ADD COLUMN referral_code text DEFAULT md5(random()::text);
