-- The most played songs, with their artist and how many different users played them.
-- $1, $2 = the window of play times [from, to); $3 = how many songs. Plays whose song was not found in the catalog (song_id NULL) are left out.
-- Ties are broken by title, then artist, in byte order (the dialect's byte_order), so every engine returns the same list.
WITH song_plays AS (
    SELECT song_id,
           COUNT(*)                AS plays,
           COUNT(DISTINCT user_id) AS listeners
    FROM songplays
    WHERE song_id IS NOT NULL
      AND start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY song_id
),
ranked AS (
    SELECT s.title,
           a.name AS artist,
           p.plays,
           p.listeners,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, s.title{{dialect:byte_order}}, a.name{{dialect:byte_order}}, s.song_id{{dialect:byte_order}}) AS rank
    FROM song_plays p
    JOIN songs s ON s.song_id = p.song_id
    LEFT JOIN artists a ON a.artist_id = s.artist_id
)
SELECT CAST(rank AS INTEGER)      AS rank,
       title,
       artist,
       CAST(plays AS INTEGER)     AS plays,
       CAST(listeners AS INTEGER) AS listeners
FROM ranked
WHERE rank <= $3
ORDER BY rank
