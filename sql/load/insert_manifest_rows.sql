-- Remembers loaded song files; {{sql:rows}} is a list of ($n, $n, $n) tuples, bound values only.
INSERT INTO sparkify_song_manifest (source_key, size, version)
VALUES {{sql:rows}}
