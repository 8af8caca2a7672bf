-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Plays per day of the week (UTC; 0 = Sunday), with the day's name and share of all plays.
SELECT t.weekday,
       CASE t.weekday
           WHEN 0 THEN 'Sunday'
           WHEN 1 THEN 'Monday'
           WHEN 2 THEN 'Tuesday'
           WHEN 3 THEN 'Wednesday'
           WHEN 4 THEN 'Thursday'
           WHEN 5 THEN 'Friday'
           WHEN 6 THEN 'Saturday'
       END                                                                   AS weekday_name,
       CAST(COUNT(*) AS INTEGER)                                             AS plays,
       CAST(COUNT(DISTINCT sp.user_id) AS INTEGER)                           AS listeners,
       CAST(ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS DOUBLE PRECISION) AS share_pct
FROM songplays sp
JOIN time t ON t.start_time = sp.start_time
WHERE sp.start_time >= CAST($1 AS TIMESTAMP)
  AND sp.start_time < CAST($2 AS TIMESTAMP)
GROUP BY t.weekday
ORDER BY t.weekday
