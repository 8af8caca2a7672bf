-- Events per day (UTC) in staging, for the run history (rows per day) and the volume check.
SELECT CAST(CAST(ts AS DATE) AS VARCHAR(10)) AS day, COUNT(*) AS events
FROM staging_events
WHERE ts IS NOT NULL
GROUP BY CAST(ts AS DATE)
ORDER BY 1
