-- Each user has at most one current level (valid_to NULL) in user_level_history.
SELECT user_id, COUNT(*) AS current_rows
FROM {{table:user_level_history}} AS user_level_history
WHERE valid_to IS NULL
GROUP BY user_id
HAVING COUNT(*) > 1
