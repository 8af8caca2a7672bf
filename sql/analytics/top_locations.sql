-- Where plays come from (the user's location as logged with the play). $1, $2 = the window of
-- play times [from, to); $3 = how many locations.
WITH location_plays AS (
    SELECT location,
           COUNT(*)                AS plays,
           COUNT(DISTINCT user_id) AS listeners
    FROM songplays
    WHERE location IS NOT NULL
      AND start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY location
),
ranked AS (
    SELECT location,
           plays,
           listeners,
           ROW_NUMBER() OVER (ORDER BY plays DESC, location{{dialect:byte_order}}) AS rank
    FROM location_plays
)
SELECT CAST(rank AS INTEGER)      AS rank,
       location,
       CAST(plays AS INTEGER)     AS plays,
       CAST(listeners AS INTEGER) AS listeners
FROM ranked
WHERE rank <= $3
ORDER BY rank
