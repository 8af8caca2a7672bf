-- Whether a table exists in the current schema ($1 = its name): the report's run history reads
-- sparkify_runs only where a version of the product that records runs has created it.
SELECT COUNT(*) AS found
FROM information_schema.tables
WHERE table_schema = CURRENT_SCHEMA()
  AND table_name = $1
