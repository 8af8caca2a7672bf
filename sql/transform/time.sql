-- One row per distinct play instant: the same NextSong events songplays is built from, not all events.
-- weekday uses DOW (0 = Sunday), not WEEK. DATE_PART (a double on PostgreSQL and Redshift) rather than
-- EXTRACT, which returns NUMERIC on PostgreSQL 14+ (x124, 845k instants: ~1.4 s -> ~1.0 s).
WITH play_instants AS (
    SELECT DISTINCT ts AS start_time
    FROM staging_events
    WHERE page = 'NextSong'
      AND ts IS NOT NULL
)
SELECT
    start_time,
    CAST(DATE_PART('hour', start_time) AS SMALLINT) AS hour,
    CAST(DATE_PART('day', start_time) AS SMALLINT) AS day,
    CAST(DATE_PART('week', start_time) AS SMALLINT) AS week,
    CAST(DATE_PART('month', start_time) AS SMALLINT) AS month,
    CAST(DATE_PART('year', start_time) AS SMALLINT) AS year,
    CAST(DATE_PART('dow', start_time) AS SMALLINT) AS weekday
FROM play_instants
