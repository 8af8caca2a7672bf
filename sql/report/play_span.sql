-- The data a report describes: how many plays, by how many users, from the first to the last play.
SELECT CAST(COUNT(*) AS INTEGER)                               AS plays,
       CAST(COUNT(DISTINCT user_id) AS INTEGER)                AS users,
       TO_CHAR(MIN(start_time), 'YYYY-MM-DD HH24:MI:SS')       AS first_play,
       TO_CHAR(MAX(start_time), 'YYYY-MM-DD HH24:MI:SS')       AS last_play
FROM songplays
