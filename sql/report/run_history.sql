-- Every recorded pipeline run (sparkify_runs); the report shows the latest ones first.
SELECT *
FROM sparkify_runs
