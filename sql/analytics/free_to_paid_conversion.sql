-- Conversion from free to paid over the songplays level history (time order, ties by session and
-- item): of the users whose first play was free, how many later played paid; and how many users
-- went from paid back to free at least once.
WITH history AS (
    SELECT user_id,
           level,
           LAG(level) OVER (
               PARTITION BY user_id
               ORDER BY start_time, session_id, item_in_session
           ) AS previous_level
    FROM songplays
    WHERE user_id IS NOT NULL
),
per_user AS (
    SELECT user_id,
           MAX(CASE WHEN previous_level IS NULL THEN level END)                        AS first_level,
           MAX(CASE WHEN level = 'paid' AND previous_level = 'free' THEN 1 ELSE 0 END) AS upgraded,
           MAX(CASE WHEN level = 'free' AND previous_level = 'paid' THEN 1 ELSE 0 END) AS downgraded
    FROM history
    GROUP BY user_id
),
totals AS (
    SELECT COUNT(*)                                                                AS users,
           SUM(CASE WHEN first_level = 'free' THEN 1 ELSE 0 END)                   AS started_free,
           SUM(CASE WHEN first_level = 'paid' THEN 1 ELSE 0 END)                   AS started_paid,
           SUM(CASE WHEN first_level = 'free' AND upgraded = 1 THEN 1 ELSE 0 END)  AS upgraded,
           SUM(downgraded)                                                         AS downgraded
    FROM per_user
)
SELECT CAST(users AS INTEGER)        AS users,
       CAST(started_free AS INTEGER) AS started_free,
       CAST(started_paid AS INTEGER) AS started_paid,
       CAST(upgraded AS INTEGER)     AS upgraded,
       CAST(ROUND(100.0 * upgraded / NULLIF(started_free, 0), 2) AS DOUBLE PRECISION) AS conversion_pct,
       CAST(downgraded AS INTEGER)   AS downgraded
FROM totals
