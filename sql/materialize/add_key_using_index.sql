-- Publish by swap (PostgreSQL): the key's unique index, built on the audit table, becomes its
-- constraint without another pass over the rows.
ALTER TABLE {{ident:table}} ADD CONSTRAINT {{ident:constraint}} {{sql:kind}} USING INDEX {{ident:index}}
