-- Before a bulk insert on PostgreSQL (see src/dialect/postgres.ts): keys are rebuilt after it.
ALTER TABLE {{ident:table}} DROP CONSTRAINT {{ident:constraint}}
