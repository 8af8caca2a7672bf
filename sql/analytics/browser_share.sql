-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Plays and users per web browser, read from user_agent. The order of the tests matters: Edge and
-- Chromium agents also say Chrome, and Chrome agents also say Safari.
WITH plays AS (
    SELECT user_id,
           CASE
               WHEN user_agent IS NULL                                      THEN 'Unknown'
               WHEN user_agent LIKE '%Edge/%' OR user_agent LIKE '%Edg/%'   THEN 'Edge'
               WHEN user_agent LIKE '%OPR/%' OR user_agent LIKE '%Opera%'   THEN 'Opera'
               WHEN user_agent LIKE '%Chromium/%'                           THEN 'Chromium'
               WHEN user_agent LIKE '%Chrome/%' OR user_agent LIKE '%CriOS/%' THEN 'Chrome'
               WHEN user_agent LIKE '%Firefox/%'                            THEN 'Firefox'
               WHEN user_agent LIKE '%Trident/%' OR user_agent LIKE '%MSIE %' THEN 'Internet Explorer'
               WHEN user_agent LIKE '%Safari/%'                             THEN 'Safari'
               ELSE 'Other'
           END AS browser
    FROM songplays
    WHERE start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
)
SELECT browser,
       CAST(COUNT(*) AS INTEGER)                                             AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)                              AS users,
       CAST(ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS DOUBLE PRECISION) AS share_pct
FROM plays
GROUP BY browser
ORDER BY plays DESC, LOWER(browser){{dialect:byte_order}}
