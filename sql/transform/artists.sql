-- One row per artist id. An id can come with several names or locations across songs; keep the most
-- complete row (coordinates, then a location), then the smallest name, so re-runs choose the same.
-- Text ties are broken in byte order, Redshift's order, whatever the server's locale: the dialect fills
-- each byte_order placeholder (COLLATE "C" on PostgreSQL, nothing on Redshift, where it is the default).
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
                artist_name{{dialect:byte_order}},
                artist_location{{dialect:byte_order}},
                song_id{{dialect:byte_order}}
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
