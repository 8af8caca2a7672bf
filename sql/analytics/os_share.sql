-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Plays and users per operating system, read from user_agent. iPhone and iPad agents say
-- "like Mac OS X" and Android agents say Linux, so those are tested first.
WITH plays AS (
    SELECT user_id,
           CASE
               WHEN user_agent IS NULL                                        THEN 'Unknown'
               WHEN user_agent LIKE '%iPhone%' OR user_agent LIKE '%iPad%'    THEN 'iOS'
               WHEN user_agent LIKE '%Android%'                               THEN 'Android'
               WHEN user_agent LIKE '%Windows%'                               THEN 'Windows'
               WHEN user_agent LIKE '%Macintosh%' OR user_agent LIKE '%Mac OS X%' THEN 'Mac OS X'
               WHEN user_agent LIKE '%CrOS%'                                  THEN 'Chrome OS'
               WHEN user_agent LIKE '%Linux%' OR user_agent LIKE '%X11%'      THEN 'Linux'
               ELSE 'Other'
           END AS os
    FROM songplays
    WHERE start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
)
SELECT os,
       CAST(COUNT(*) AS INTEGER)                                             AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)                              AS users,
       CAST(ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS DOUBLE PRECISION) AS share_pct
FROM plays
GROUP BY os
ORDER BY plays DESC, LOWER(os){{dialect:byte_order}}
