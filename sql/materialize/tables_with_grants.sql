-- The published tables (of the given names, in the default schema) that carry grants: a swap would
-- drop those with the old table, so a run publishes by copying rows while any star table has them.
SELECT relname AS name
FROM pg_class
WHERE relnamespace = to_regnamespace(quote_ident(current_schema()))
  AND relname = ANY ($1)
  AND relacl IS NOT NULL
