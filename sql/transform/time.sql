-- One row per distinct play instant: the same NextSong events songplays is built from, not all events.
-- weekday uses DOW (0 = Sunday), not WEEK.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
WITH play_instants AS (
    SELECT DISTINCT ts AS start_time
    FROM staging_events
    WHERE page = 'NextSong'
      AND ts IS NOT NULL
)
SELECT
    start_time,
    CAST(EXTRACT(HOUR FROM start_time) AS SMALLINT),
    CAST(EXTRACT(DAY FROM start_time) AS SMALLINT),
    CAST(EXTRACT(WEEK FROM start_time) AS SMALLINT),
    CAST(EXTRACT(MONTH FROM start_time) AS SMALLINT),
    CAST(EXTRACT(YEAR FROM start_time) AS SMALLINT),
    CAST(EXTRACT(DOW FROM start_time) AS SMALLINT)
FROM play_instants
