-- Users who played at both levels, read from their songplays level history in time order (ties
-- within one instant by session and item): their first level, their first free play, when they
-- first played paid right after a free play (the upgrade), how often they switched each way, and
-- their level today (from users). Users who only ever played at one level have no row.
WITH history AS (
    SELECT user_id,
           level,
           start_time,
           LAG(level) OVER (
               PARTITION BY user_id
               ORDER BY start_time, session_id, item_in_session
           ) AS previous_level
    FROM songplays
    WHERE user_id IS NOT NULL
),
per_user AS (
    SELECT user_id,
           MAX(CASE WHEN previous_level IS NULL THEN level END)                          AS first_level,
           SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END)                               AS free_plays,
           SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END)                               AS paid_plays,
           SUM(CASE WHEN level = 'paid' AND previous_level = 'free' THEN 1 ELSE 0 END)   AS upgrades,
           SUM(CASE WHEN level = 'free' AND previous_level = 'paid' THEN 1 ELSE 0 END)   AS downgrades,
           MIN(CASE WHEN level = 'free' THEN start_time END)                             AS first_free_play,
           MIN(CASE WHEN level = 'paid' AND previous_level = 'free' THEN start_time END) AS first_upgrade
    FROM history
    GROUP BY user_id
    HAVING COUNT(DISTINCT level) = 2
)
SELECT p.user_id,
       u.first_name,
       u.last_name,
       p.first_level,
       u.level                                                AS current_level,
       CAST(p.free_plays AS INTEGER)                          AS free_plays,
       CAST(p.paid_plays AS INTEGER)                          AS paid_plays,
       CAST(p.upgrades AS INTEGER)                            AS upgrades,
       CAST(p.downgrades AS INTEGER)                          AS downgrades,
       TO_CHAR(p.first_free_play, 'YYYY-MM-DD HH24:MI:SS')    AS first_free_play,
       TO_CHAR(p.first_upgrade, 'YYYY-MM-DD HH24:MI:SS')      AS first_upgrade
FROM per_user p
LEFT JOIN users u ON u.user_id = p.user_id
ORDER BY p.first_upgrade, p.user_id
