-- A run ends, succeeded or failed, with what it did.
UPDATE sparkify_runs
SET finished_at = CAST($2 AS TIMESTAMP),
    status = $3,
    table_rows = $4,
    rejects = CAST($5 AS INTEGER),
    check_results = $6,
    error = $7,
    day_events = $8
WHERE run_id = $1
