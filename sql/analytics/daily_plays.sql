-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- Plays, distinct listeners and sessions per calendar day (UTC). The day is text (YYYY-MM-DD) so
-- that no client turns it into a local-time Date.
SELECT TO_CHAR(start_time, 'YYYY-MM-DD')            AS day,
       CAST(COUNT(*) AS INTEGER)                    AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)     AS listeners,
       CAST(COUNT(DISTINCT session_id) AS INTEGER)  AS sessions
FROM songplays
WHERE start_time >= CAST($1 AS TIMESTAMP)
  AND start_time < CAST($2 AS TIMESTAMP)
GROUP BY TO_CHAR(start_time, 'YYYY-MM-DD')
ORDER BY day
