-- One row per non-empty user id seen in any event; names and level from that user's latest event
-- (not DISTINCT over all columns, which keeps one row per level a user ever had).
WITH ranked_events AS (
    SELECT
        user_id,
        first_name,
        last_name,
        gender,
        level,
        ROW_NUMBER() OVER (
            PARTITION BY user_id
            ORDER BY ts DESC, session_id DESC, item_in_session DESC
        ) AS recency
    FROM staging_events
    WHERE user_id IS NOT NULL
      AND user_id <> ''
      AND level IS NOT NULL
)
SELECT user_id, first_name, last_name, gender, level
FROM ranked_events
WHERE recency = 1
