-- One row per artist id. An id can come with several names or locations across songs; keep the most
-- complete row (coordinates, then a location), then the smallest name, so re-runs choose the same.
-- Text ties are broken in byte order (C collation), Redshift's order, whatever the server's locale;
-- the .redshift.sql variant is this file without the collation clauses (a unit test keeps them equal).
WITH ranked_artists AS (
    SELECT
        artist_id,
        artist_name,
        artist_location,
        artist_latitude,
        artist_longitude,
        ROW_NUMBER() OVER (
            PARTITION BY artist_id
            ORDER BY
                CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
                CASE WHEN artist_location IS NULL THEN 1 ELSE 0 END,
                artist_name COLLATE "C",
                artist_location COLLATE "C",
                song_id COLLATE "C"
        ) AS preference
    FROM staging_songs
    WHERE artist_id IS NOT NULL
)
SELECT
    artist_id,
    artist_name AS name,
    artist_location AS location,
    artist_latitude AS latitude,
    artist_longitude AS longitude
FROM ranked_artists
WHERE preference = 1
