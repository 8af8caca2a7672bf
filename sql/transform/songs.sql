-- One row per song id; a year of 0 in the source means unknown and becomes NULL.
-- Text ties are broken in byte order, Redshift's order, whatever the server's locale: the dialect fills
-- each byte_order placeholder (COLLATE "C" on PostgreSQL, nothing on Redshift, where it is the default).
WITH ranked_songs AS (
    SELECT
        song_id,
        title,
        artist_id,
        year,
        duration,
        ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY artist_id{{dialect:byte_order}}, title{{dialect:byte_order}}, duration) AS preference
    FROM staging_songs
    WHERE song_id IS NOT NULL
)
SELECT song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM ranked_songs
WHERE preference = 1
