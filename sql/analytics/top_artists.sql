-- The most played artists: plays, how many of their songs were played, and by how many users.
-- $1, $2 = the window of play times [from, to); $3 = how many artists. Plays with no matched artist (artist_id NULL) are left out.
WITH artist_plays AS (
    SELECT artist_id,
           COUNT(*)                AS plays,
           COUNT(DISTINCT song_id) AS songs,
           COUNT(DISTINCT user_id) AS listeners
    FROM songplays
    WHERE artist_id IS NOT NULL
      AND start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY artist_id
),
ranked AS (
    SELECT a.name AS artist,
           p.plays,
           p.songs,
           p.listeners,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, a.name{{dialect:byte_order}}, a.artist_id{{dialect:byte_order}}) AS rank
    FROM artist_plays p
    JOIN artists a ON a.artist_id = p.artist_id
)
SELECT CAST(rank AS INTEGER)      AS rank,
       artist,
       CAST(plays AS INTEGER)     AS plays,
       CAST(songs AS INTEGER)     AS songs,
       CAST(listeners AS INTEGER) AS listeners
FROM ranked
WHERE rank <= $3
ORDER BY rank
