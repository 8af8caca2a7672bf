-- The tables and views in the current schema, for `.tables` at the sparkify sql prompt.
SELECT table_name,
       CASE table_type WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view' ELSE LOWER(table_type) END AS kind
FROM information_schema.tables
WHERE table_schema = CURRENT_SCHEMA()
ORDER BY table_name
