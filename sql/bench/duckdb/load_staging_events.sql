-- DuckDB yardstick (npm run bench): staging_events as our loader stores it. Every file under the log
-- folder, one event per line, fields mapped as log_json_path.json maps them, ts read as epoch
-- milliseconds (UTC), empty and blank strings (space, tab, newline, carriage return) as NULL
-- (COPY's EMPTYASNULL BLANKSASNULL). Not reproduced: TRUNCATECOLUMNS (no value of the data is too long).
CREATE OR REPLACE TABLE staging_events AS
SELECT
    blank_as_null(artist) AS artist,
    blank_as_null(auth) AS auth,
    blank_as_null(firstName) AS first_name,
    blank_as_null(gender) AS gender,
    itemInSession AS item_in_session,
    blank_as_null(lastName) AS last_name,
    length,
    blank_as_null(level) AS level,
    blank_as_null(location) AS location,
    blank_as_null(method) AS method,
    blank_as_null(page) AS page,
    registration,
    sessionId AS session_id,
    blank_as_null(song) AS song,
    status,
    make_timestamp(ts * 1000) AS ts,
    blank_as_null(userAgent) AS user_agent,
    blank_as_null(userId) AS user_id
FROM read_json(
    {{literal:files}},
    format = 'newline_delimited',
    columns = {
        artist: 'VARCHAR', auth: 'VARCHAR', firstName: 'VARCHAR', gender: 'VARCHAR', itemInSession: 'INTEGER',
        lastName: 'VARCHAR', length: 'DOUBLE', level: 'VARCHAR', location: 'VARCHAR', method: 'VARCHAR',
        page: 'VARCHAR', registration: 'DOUBLE', sessionId: 'INTEGER', song: 'VARCHAR', status: 'SMALLINT',
        ts: 'BIGINT', userAgent: 'VARCHAR', userId: 'VARCHAR'
    }
)
