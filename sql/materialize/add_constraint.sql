-- After a bulk insert on PostgreSQL: builds the key's index, or validates the reference, in one pass.
ALTER TABLE {{ident:table}} ADD CONSTRAINT {{ident:constraint}} {{sql:definition}}
