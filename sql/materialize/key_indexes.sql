-- The indexes of a schema's tables, by name (which of the keys' indexes the audit build made).
SELECT indexname AS name
FROM pg_indexes
WHERE schemaname = $1
