-- The song files staging_songs holds, as they were listed when loaded.
SELECT source_key, size, version
FROM sparkify_song_manifest
