-- A partition load replaces one day of events: the rows whose ts falls on that day (UTC) go first.
DELETE FROM staging_events
WHERE ts >= CAST($1 AS TIMESTAMP)
  AND ts < CAST($2 AS TIMESTAMP)
