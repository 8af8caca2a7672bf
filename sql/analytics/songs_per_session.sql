-- $1, $2 = the window of play times [from, to) (bound by src/analytics; the whole history by default).
-- How many songs a session plays: average, median and maximum over sessions with at least one play.
-- The average is taken over DOUBLE PRECISION because Redshift's AVG of an integer is an integer.
WITH session_plays AS (
    SELECT session_id,
           CAST(COUNT(*) AS DOUBLE PRECISION) AS plays
    FROM songplays
    WHERE start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY session_id
)
SELECT CAST(COUNT(*) AS INTEGER)                                         AS sessions,
       CAST(SUM(plays) AS INTEGER)                                       AS plays,
       CAST(ROUND(CAST(AVG(plays) AS DECIMAL(18, 4)), 2) AS DOUBLE PRECISION) AS avg_songs_per_session,
       CAST(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY plays) AS DOUBLE PRECISION) AS median_songs_per_session,
       CAST(MAX(plays) AS INTEGER)                                       AS max_songs_per_session
FROM session_plays
