-- The users who played the most songs, with their name and current level (from users).
-- $1, $2 = the window of play times [from, to); $3 = how many users.
WITH user_plays AS (
    SELECT user_id,
           COUNT(*)                   AS plays,
           COUNT(DISTINCT session_id) AS sessions
    FROM songplays
    WHERE user_id IS NOT NULL
      AND start_time >= CAST($1 AS TIMESTAMP)
      AND start_time < CAST($2 AS TIMESTAMP)
    GROUP BY user_id
),
ranked AS (
    SELECT u.user_id,
           u.first_name,
           u.last_name,
           u.level,
           p.plays,
           p.sessions,
           ROW_NUMBER() OVER (ORDER BY p.plays DESC, u.user_id{{dialect:byte_order}}) AS rank
    FROM user_plays p
    JOIN users u ON u.user_id = p.user_id
)
SELECT CAST(rank AS INTEGER)     AS rank,
       user_id,
       first_name,
       last_name,
       level,
       CAST(plays AS INTEGER)    AS plays,
       CAST(sessions AS INTEGER) AS sessions
FROM ranked
WHERE rank <= $3
ORDER BY rank
