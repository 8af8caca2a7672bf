-- A user's runs of one level (user_level_history: consecutive runs always differ) that overlap the
-- window [$1, $2), each with the level and start of the run before it (whether or not that one
-- overlaps the window), its position among the user's runs in the window, and whether it starts in
-- the window. Shared by the free-to-paid analytics, which include it as their in_window.
SELECT user_id,
       level,
       valid_from,
       previous_level,
       previous_from,
       ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from) AS position,
       CASE WHEN valid_from >= CAST($1 AS TIMESTAMP) THEN 1 ELSE 0 END AS starts_in_window
FROM (
    SELECT user_id,
           level,
           valid_from,
           valid_to,
           LAG(level) OVER (PARTITION BY user_id ORDER BY valid_from)      AS previous_level,
           LAG(valid_from) OVER (PARTITION BY user_id ORDER BY valid_from) AS previous_from
    FROM user_level_history
) AS runs
WHERE valid_from < CAST($2 AS TIMESTAMP)
  AND (valid_to IS NULL OR valid_to > CAST($1 AS TIMESTAMP))
