-- users holds every non-empty user id seen in the events, and no other. The problem is told from the
-- side that holds no NULL ids (seen), so a users row with a NULL id is reported as never seen.
SELECT COALESCE(seen.user_id, users.user_id) AS user_id,
       CASE WHEN seen.user_id IS NULL THEN 'in users, never seen in events'
            ELSE 'in events, missing from users' END AS problem
FROM (
    SELECT DISTINCT user_id
    FROM staging_events
    WHERE user_id IS NOT NULL
      AND user_id <> ''
) AS seen
FULL OUTER JOIN {{table:users}} AS users
  ON users.user_id = seen.user_id
WHERE seen.user_id IS NULL
   OR users.user_id IS NULL
