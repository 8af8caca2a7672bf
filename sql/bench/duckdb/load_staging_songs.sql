-- DuckDB yardstick (npm run bench): staging_songs as our loader stores it. Every file under the song
-- folder (one or more song objects each), keys mapped by name ('auto'), empty and blank strings as NULL.
CREATE OR REPLACE TABLE staging_songs AS
SELECT
    num_songs,
    blank_as_null(artist_id) AS artist_id,
    artist_latitude,
    artist_longitude,
    blank_as_null(artist_location) AS artist_location,
    blank_as_null(artist_name) AS artist_name,
    blank_as_null(song_id) AS song_id,
    blank_as_null(title) AS title,
    duration,
    year
FROM read_json(
    {{literal:files}},
    format = 'auto',
    columns = {
        num_songs: 'INTEGER', artist_id: 'VARCHAR', artist_latitude: 'DOUBLE', artist_longitude: 'DOUBLE',
        artist_location: 'VARCHAR', artist_name: 'VARCHAR', song_id: 'VARCHAR', title: 'VARCHAR',
        duration: 'DOUBLE', year: 'SMALLINT'
    }
)
