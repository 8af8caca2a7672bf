-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Plays per hour of the day (UTC), with distinct listeners and the hour's share of all plays.
-- Hours without any play have no row.
SELECT t.hour,
       CAST(COUNT(*) AS INTEGER)                                             AS plays,
       CAST(COUNT(DISTINCT sp.user_id) AS INTEGER)                           AS listeners,
       CAST(ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS DOUBLE PRECISION) AS share_pct
FROM songplays sp
JOIN time t ON t.start_time = sp.start_time
WHERE sp.start_time >= CAST($1 AS TIMESTAMP)
  AND sp.start_time < CAST($2 AS TIMESTAMP)
GROUP BY t.hour
ORDER BY t.hour
