-- The latest runs first.
SELECT run_id, started_at, finished_at, status, mode, partitions, table_rows, rejects, day_events, check_results, error
FROM sparkify_runs
ORDER BY started_at DESC, run_id DESC
LIMIT $1
