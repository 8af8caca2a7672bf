-- users.level over time, a type-2 slowly changing dimension. Every event of a user counts (every page,
-- not only NextSong), in the order users.sql reads them: ts, then session, then item. A user's level
-- at an instant is that of their last event at it, so valid_from is unique per user. A run starts
-- where that level differs from the previous instant's and is valid until the next run starts; the
-- last run is current (valid_to NULL) and holds the level users.level has. Events without a ts have
-- no instant and are left out.
WITH user_events AS (
    SELECT
        user_id,
        level,
        ts,
        ROW_NUMBER() OVER (
            PARTITION BY user_id, ts
            ORDER BY session_id DESC, item_in_session DESC
        ) AS latest_at_instant
    FROM staging_events
    WHERE user_id IS NOT NULL
      AND user_id <> ''
      AND level IS NOT NULL
      AND ts IS NOT NULL
),
levels_over_time AS (
    SELECT
        user_id,
        level,
        ts,
        LAG(level) OVER (PARTITION BY user_id ORDER BY ts) AS previous_level
    FROM user_events
    WHERE latest_at_instant = 1
),
run_starts AS (
    SELECT user_id, level, ts
    FROM levels_over_time
    WHERE previous_level IS NULL
       OR previous_level <> level
)
SELECT
    user_id,
    level,
    ts                                               AS valid_from,
    LEAD(ts) OVER (PARTITION BY user_id ORDER BY ts) AS valid_to
FROM run_starts
