-- One row per song id; a year of 0 in the source means unknown and becomes NULL.
-- Text ties are broken in byte order (C collation), Redshift's order, whatever the server's locale;
-- the .redshift.sql variant is this file without the collation clauses (a unit test keeps them equal).
WITH ranked_songs AS (
    SELECT
        song_id,
        title,
        artist_id,
        year,
        duration,
        ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY artist_id, title, duration) AS preference
    FROM staging_songs
    WHERE song_id IS NOT NULL
)
SELECT song_id, title, artist_id, NULLIF(year, 0) AS year, duration
FROM ranked_songs
WHERE preference = 1
