-- songplays holds exactly one row per NextSong event (with a time) in staging: no plays lost, none
-- duplicated by a join.
WITH expected AS (
    SELECT COUNT(*) AS plays
    FROM staging_events
    WHERE page = 'NextSong'
      AND ts IS NOT NULL
),
actual AS (
    SELECT COUNT(*) AS plays
    FROM {{table:songplays}} AS songplays
)
SELECT expected.plays AS next_song_events, actual.plays AS songplays
FROM expected
CROSS JOIN actual
WHERE expected.plays <> actual.plays
