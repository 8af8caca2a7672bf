-- Forgets every loaded song file: staging_songs is about to be reloaded in full.
DELETE FROM sparkify_song_manifest
