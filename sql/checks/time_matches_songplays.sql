-- time holds exactly the distinct songplays.start_time values. The problem is told from the played side
-- (songplays.start_time is NOT NULL), so a time row with a NULL instant is reported as having no play.
SELECT COALESCE(played.start_time, time.start_time) AS start_time,
       CASE WHEN played.start_time IS NULL THEN 'in time, no play at that instant'
            ELSE 'in songplays, missing from time' END AS problem
FROM (SELECT DISTINCT start_time FROM {{table:songplays}} AS songplays) AS played
FULL OUTER JOIN {{table:time}} AS time
  ON time.start_time = played.start_time
WHERE played.start_time IS NULL
   OR time.start_time IS NULL
