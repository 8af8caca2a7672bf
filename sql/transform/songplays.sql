-- One row per NextSong event ('NextSong', not 'Next Song'). A play's song is the catalog song with the
-- same title and artist name; if several match, the closest duration to the play's length wins, then
-- the smallest song_id. Matching is ranked per play before the join, so a play is never duplicated,
-- and plays with no match keep NULL song and artist ids. songplay_id is derived from the play's natural
-- key, session_id * 2^32 + item_in_session (unique for any two 32-bit integers), so a play keeps its id
-- whichever other days are loaded, in whatever order, and however often (docs/daily-operation.md).
-- Titles and names are compared without trailing spaces on both engines:
-- Redshift ignores trailing blanks when it compares VARCHARs, PostgreSQL does not, and 7 song titles
-- and 5 event songs of the public data end in spaces.
-- Text ties are broken in byte order, Redshift's order, whatever the server's locale: the dialect fills
-- each byte_order placeholder (COLLATE "C" on PostgreSQL, nothing on Redshift, where it is the default).
WITH plays AS (
    SELECT
        ts AS start_time,
        NULLIF(user_id, '') AS user_id,
        level,
        song,
        artist,
        length,
        session_id,
        item_in_session,
        location,
        user_agent
    FROM staging_events
    WHERE page = 'NextSong'
      AND ts IS NOT NULL
),
song_candidates AS (
    SELECT
        plays.session_id,
        plays.item_in_session,
        staging_songs.song_id,
        staging_songs.artist_id,
        ROW_NUMBER() OVER (
            PARTITION BY plays.session_id, plays.item_in_session
            ORDER BY ABS(staging_songs.duration - plays.length), staging_songs.song_id{{dialect:byte_order}}
        ) AS closeness
    FROM plays
    JOIN staging_songs
      ON RTRIM(staging_songs.title) = RTRIM(plays.song)
     AND RTRIM(staging_songs.artist_name) = RTRIM(plays.artist)
    WHERE staging_songs.song_id IS NOT NULL
),
best_song AS (
    SELECT session_id, item_in_session, song_id, artist_id
    FROM song_candidates
    WHERE closeness = 1
)
SELECT
    CAST(plays.session_id AS BIGINT) * 4294967296 + plays.item_in_session AS songplay_id,
    plays.start_time,
    plays.user_id,
    plays.level,
    best_song.song_id,
    best_song.artist_id,
    plays.session_id,
    plays.item_in_session,
    plays.location,
    plays.user_agent
FROM plays
LEFT JOIN best_song
  ON best_song.session_id = plays.session_id
 AND best_song.item_in_session = plays.item_in_session
