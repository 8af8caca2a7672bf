-- Runs still marked running when a new run starts were cut off (killed process, lost connection,
-- machine restart) before they could record an ending: they failed. Runs are serialised, so no other
-- run is live at this point.
UPDATE sparkify_runs
SET status = 'failed',
    finished_at = CAST($1 AS TIMESTAMP),
    error = 'interrupted: the run ended before it could record how (process killed or connection lost)'
WHERE status = 'running'
