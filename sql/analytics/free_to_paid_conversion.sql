-- Conversion from free to paid, read from the level history (user_level_history: one row per run of
-- one level in a user's events, so consecutive runs always differ). $1, $2 = the window [from, to).
-- A user counts when one of their runs overlaps the window; their first level is that of their
-- earliest such run. An upgrade is a paid run that starts in the window after a free run; a
-- downgrade, a free run that starts in the window after a paid run. The time to upgrade runs from
-- the start of the free run to the user's first upgrade in the window.
-- in_window: the runs that overlap the window, with the run before each (sql/history/level_runs_in_window.sql).
WITH in_window AS (
{{sql:level_runs_in_window}}
),
upgrades AS (
    SELECT user_id,
           EXTRACT(EPOCH FROM valid_from) - EXTRACT(EPOCH FROM previous_from) AS seconds_to_upgrade,
           ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from)       AS upgrade_number
    FROM in_window
    WHERE starts_in_window = 1
      AND level = 'paid'
      AND previous_level = 'free'
),
per_user AS (
    SELECT w.user_id,
           MAX(CASE WHEN w.position = 1 THEN w.level END)                                                AS first_level,
           MAX(CASE WHEN w.starts_in_window = 1 AND w.level = 'paid' AND w.previous_level = 'free' THEN 1 ELSE 0 END) AS upgraded,
           MAX(CASE WHEN w.starts_in_window = 1 AND w.level = 'free' AND w.previous_level = 'paid' THEN 1 ELSE 0 END) AS downgraded
    FROM in_window w
    GROUP BY w.user_id
),
first_upgrades AS (
    SELECT user_id, seconds_to_upgrade / 86400.0 AS days_to_upgrade
    FROM upgrades
    WHERE upgrade_number = 1
),
totals AS (
    SELECT COUNT(*)                                                                AS users,
           SUM(CASE WHEN first_level = 'free' THEN 1 ELSE 0 END)                   AS started_free,
           SUM(CASE WHEN first_level = 'paid' THEN 1 ELSE 0 END)                   AS started_paid,
           SUM(CASE WHEN first_level = 'free' AND upgraded = 1 THEN 1 ELSE 0 END)  AS upgraded,
           SUM(downgraded)                                                         AS downgraded
    FROM per_user
),
upgrade_times AS (
    SELECT AVG(days_to_upgrade)                                         AS avg_days,
           PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY days_to_upgrade) AS median_days
    FROM first_upgrades
)
SELECT CAST(t.users AS INTEGER)        AS users,
       CAST(t.started_free AS INTEGER) AS started_free,
       CAST(t.started_paid AS INTEGER) AS started_paid,
       CAST(t.upgraded AS INTEGER)     AS upgraded,
       CAST(ROUND(100.0 * t.upgraded / NULLIF(t.started_free, 0), 2) AS DOUBLE PRECISION)   AS conversion_pct,
       CAST(t.downgraded AS INTEGER)   AS downgraded,
       CAST(ROUND(CAST(u.avg_days AS DECIMAL(18, 4)), 2) AS DOUBLE PRECISION)               AS avg_days_to_upgrade,
       CAST(ROUND(CAST(u.median_days AS DECIMAL(18, 4)), 2) AS DOUBLE PRECISION)            AS median_days_to_upgrade
FROM totals t
CROSS JOIN upgrade_times u
