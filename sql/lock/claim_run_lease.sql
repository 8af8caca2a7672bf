-- Takes the lease only when nobody holds one (the table is locked by the same transaction).
INSERT INTO sparkify_run_lock (holder, acquired_at, expires_at)
SELECT {{literal:holder}}, CAST({{literal:now}} AS TIMESTAMP), CAST({{literal:expires}} AS TIMESTAMP)
WHERE NOT EXISTS (SELECT 1 FROM sparkify_run_lock);
