-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Paid vs free: plays made at each level (the level at the time of the play, not today's level),
-- the users who played at that level, and the level's share of all plays.
SELECT level,
       CAST(COUNT(*) AS INTEGER)                                             AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)                              AS users,
       CAST(ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS DOUBLE PRECISION) AS share_pct
FROM songplays
WHERE start_time >= CAST($1 AS TIMESTAMP)
  AND start_time < CAST($2 AS TIMESTAMP)
GROUP BY level
ORDER BY level{{dialect:byte_order}}
