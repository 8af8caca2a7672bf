-- A load with input leaves its star tables filled: one row per star table that is empty although
-- staging holds the rows it is built from, and one row when nothing at all is loaded (staging and
-- star tables all empty), since every other check passes vacuously on empty tables.
WITH staged_events AS (
    SELECT COUNT(*) AS events,
           SUM(CASE WHEN page = 'NextSong' AND ts IS NOT NULL THEN 1 ELSE 0 END) AS plays,
           SUM(CASE WHEN user_id IS NOT NULL AND user_id <> '' AND level IS NOT NULL THEN 1 ELSE 0 END) AS user_events
    FROM staging_events
),
staged_songs AS (
    SELECT COUNT(*) AS songs,
           COUNT(song_id) AS with_song_id,
           COUNT(artist_id) AS with_artist_id
    FROM staging_songs
),
star AS (
    SELECT filled_songplays.n AS songplays, filled_users.n AS users, filled_songs.n AS songs,
           filled_artists.n AS artists, filled_time.n AS time_rows
    FROM (SELECT COUNT(*) AS n FROM {{table:songplays}} AS songplays) AS filled_songplays
    CROSS JOIN (SELECT COUNT(*) AS n FROM {{table:users}} AS users) AS filled_users
    CROSS JOIN (SELECT COUNT(*) AS n FROM {{table:songs}} AS songs) AS filled_songs
    CROSS JOIN (SELECT COUNT(*) AS n FROM {{table:artists}} AS artists) AS filled_artists
    CROSS JOIN (SELECT COUNT(*) AS n FROM {{table:time}} AS time) AS filled_time
),
problems AS (
    SELECT 'songplays' AS star_table, 'empty although staging_events holds NextSong events' AS problem
    FROM staged_events CROSS JOIN star WHERE star.songplays = 0 AND staged_events.plays > 0
    UNION ALL
    SELECT 'time', 'empty although staging_events holds NextSong events'
    FROM staged_events CROSS JOIN star WHERE star.time_rows = 0 AND staged_events.plays > 0
    UNION ALL
    SELECT 'users', 'empty although staging_events holds events with a user id'
    FROM staged_events CROSS JOIN star WHERE star.users = 0 AND staged_events.user_events > 0
    UNION ALL
    SELECT 'songs', 'empty although staging_songs holds songs'
    FROM staged_songs CROSS JOIN star WHERE star.songs = 0 AND staged_songs.with_song_id > 0
    UNION ALL
    SELECT 'artists', 'empty although staging_songs holds artists'
    FROM staged_songs CROSS JOIN star WHERE star.artists = 0 AND staged_songs.with_artist_id > 0
    UNION ALL
    SELECT 'every table', 'nothing is loaded: staging and star tables are all empty (run sparkify etl)'
    FROM staged_events CROSS JOIN staged_songs CROSS JOIN star
    WHERE staged_events.events = 0 AND staged_songs.songs = 0
      AND star.songplays + star.users + star.songs + star.artists + star.time_rows = 0
)
SELECT star_table, problem
FROM problems
