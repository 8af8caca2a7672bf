-- Events of one day (UTC) in staging: after a partition load, every loaded event must be counted here.
SELECT COUNT(*) AS events
FROM staging_events
WHERE ts >= CAST($1 AS TIMESTAMP)
  AND ts < CAST($2 AS TIMESTAMP)
