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
GROUP BY t.weekday
ORDER BY t.weekday
