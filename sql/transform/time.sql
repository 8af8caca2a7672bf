-- One row per distinct play instant: the same NextSong events songplays is built from, not all events.
-- weekday uses DOW (0 = Sunday), not WEEK.
WITH play_instants AS (
    SELECT DISTINCT ts AS start_time
    FROM staging_events
    WHERE page = 'NextSong'
      AND ts IS NOT NULL
)
SELECT
    start_time,
    CAST(EXTRACT(HOUR FROM start_time) AS SMALLINT) AS hour,
    CAST(EXTRACT(DAY FROM start_time) AS SMALLINT) AS day,
    CAST(EXTRACT(WEEK FROM start_time) AS SMALLINT) AS week,
    CAST(EXTRACT(MONTH FROM start_time) AS SMALLINT) AS month,
    CAST(EXTRACT(YEAR FROM start_time) AS SMALLINT) AS year,
    CAST(EXTRACT(DOW FROM start_time) AS SMALLINT) AS weekday
FROM play_instants
