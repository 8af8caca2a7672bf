-- Plays, distinct listeners and sessions per calendar day (UTC). The day is text (YYYY-MM-DD) so
-- that no client turns it into a local-time Date.
SELECT TO_CHAR(start_time, 'YYYY-MM-DD')            AS day,
       CAST(COUNT(*) AS INTEGER)                    AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)     AS listeners,
       CAST(COUNT(DISTINCT session_id) AS INTEGER)  AS sessions
FROM songplays
GROUP BY TO_CHAR(start_time, 'YYYY-MM-DD')
ORDER BY day
