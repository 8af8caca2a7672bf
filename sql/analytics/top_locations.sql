-- Where plays come from (the user's location as logged with the play). $1 = how many locations.
WITH location_plays AS (
    SELECT location,
           COUNT(*)                AS plays,
           COUNT(DISTINCT user_id) AS listeners
    FROM songplays
    WHERE location IS NOT NULL
    GROUP BY location
),
ranked AS (
    SELECT location,
           plays,
           listeners,
           ROW_NUMBER() OVER (ORDER BY plays DESC, location) AS rank
    FROM location_plays
)
SELECT CAST(rank AS INTEGER)      AS rank,
       location,
       CAST(plays AS INTEGER)     AS plays,
       CAST(listeners AS INTEGER) AS listeners
FROM ranked
WHERE rank <= $1
ORDER BY rank
