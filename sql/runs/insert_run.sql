-- A run starts: recorded before it touches anything, so even a run that dies half way is in the history.
INSERT INTO sparkify_runs (run_id, started_at, status, mode, partitions)
VALUES ($1, CAST($2 AS TIMESTAMP), 'running', $3, $4)
