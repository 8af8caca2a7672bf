-- Users who had both levels within the window [$1, $2), read from their level history
-- (user_level_history): their first level in the window, when their first free run in the window
-- began (or the window's start, if it began earlier), their first upgrade (a paid run starting in the
-- window after a free run) and the days from that free run's start to it, upgrades and downgrades in
-- the window, their plays at each level in the window (songplays) and their level today (users).
-- in_window: the runs that overlap the window, with the run before each (sql/history/level_runs_in_window.sql).
WITH in_window AS (
{{sql:level_runs_in_window}}
),
first_upgrades AS (
    SELECT user_id,
           valid_from                                                         AS upgraded_at,
           EXTRACT(EPOCH FROM valid_from) - EXTRACT(EPOCH FROM previous_from) AS seconds_to_upgrade,
           ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from)       AS upgrade_number
    FROM in_window
    WHERE starts_in_window = 1
      AND level = 'paid'
      AND previous_level = 'free'
),
per_user AS (
    SELECT user_id,
           MAX(CASE WHEN position = 1 THEN level END)                                                    AS first_level,
           SUM(CASE WHEN starts_in_window = 1 AND level = 'paid' AND previous_level = 'free' THEN 1 ELSE 0 END) AS upgrades,
           SUM(CASE WHEN starts_in_window = 1 AND level = 'free' AND previous_level = 'paid' THEN 1 ELSE 0 END) AS downgrades,
           MIN(CASE WHEN level = 'free' THEN
                   CASE WHEN starts_in_window = 1 THEN valid_from ELSE CAST($1 AS TIMESTAMP) END
               END)                                                                                      AS free_since
    FROM in_window
    GROUP BY user_id
    HAVING COUNT(DISTINCT level) = 2
),
plays AS (
    SELECT user_id,
           SUM(CASE WHEN level = 'free' THEN 1 ELSE 0 END) AS free_plays,
           SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END) AS paid_plays
    FROM songplays
    WHERE user_id IS NOT NULL
      AND start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY user_id
)
SELECT p.user_id,
       u.first_name,
       u.last_name,
       p.first_level,
       u.level                                                                     AS current_level,
       CAST(COALESCE(pl.free_plays, 0) AS INTEGER)                                 AS free_plays,
       CAST(COALESCE(pl.paid_plays, 0) AS INTEGER)                                 AS paid_plays,
       CAST(p.upgrades AS INTEGER)                                                 AS upgrades,
       CAST(p.downgrades AS INTEGER)                                               AS downgrades,
       TO_CHAR(p.free_since, 'YYYY-MM-DD HH24:MI:SS')                              AS free_since,
       TO_CHAR(f.upgraded_at, 'YYYY-MM-DD HH24:MI:SS')                             AS first_upgrade,
       CAST(ROUND(CAST(f.seconds_to_upgrade / 86400.0 AS DECIMAL(18, 4)), 2) AS DOUBLE PRECISION) AS days_to_upgrade
FROM per_user p
LEFT JOIN first_upgrades f
  ON f.user_id = p.user_id
 AND f.upgrade_number = 1
LEFT JOIN users u ON u.user_id = p.user_id
LEFT JOIN plays pl ON pl.user_id = p.user_id
ORDER BY f.upgraded_at, p.user_id{{dialect:byte_order}}
