-- time holds exactly the distinct songplays.start_time values.
SELECT COALESCE(played.start_time, time.start_time) AS start_time,
       CASE WHEN time.start_time IS NULL THEN 'in songplays, missing from time'
            ELSE 'in time, no play at that instant' END AS problem
FROM (SELECT DISTINCT start_time FROM {{table:songplays}} AS songplays) AS played
FULL OUTER JOIN {{table:time}} AS time
  ON time.start_time = played.start_time
WHERE played.start_time IS NULL
   OR time.start_time IS NULL
