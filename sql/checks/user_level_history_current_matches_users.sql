-- The current row of user_level_history holds users.level, for every user and no other.
SELECT COALESCE(users.user_id, current_level.user_id) AS user_id,
       users.level                                    AS users_level,
       current_level.level                            AS history_level
FROM {{table:users}} AS users
FULL OUTER JOIN (
    SELECT user_id, level
    FROM {{table:user_level_history}} AS user_level_history
    WHERE valid_to IS NULL
) AS current_level
  ON current_level.user_id = users.user_id
WHERE users.user_id IS NULL
   OR current_level.user_id IS NULL
   OR users.level <> current_level.level
