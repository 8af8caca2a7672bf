-- Before a bulk insert on PostgreSQL (see pipeline/transform.ts): keys are rebuilt after it.
ALTER TABLE {{ident:table}} DROP CONSTRAINT {{ident:constraint}}
