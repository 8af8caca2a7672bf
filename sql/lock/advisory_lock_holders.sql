-- Who holds advisory lock ($1, $2) in this database: the holder's application_name says which run it is.
SELECT activity.application_name, activity.backend_start, lock.mode, lock.pid
FROM pg_locks AS lock
JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
WHERE lock.locktype = 'advisory'
  AND lock.granted
  AND lock.classid = $1::int4::oid
  AND lock.objid = $2::int4::oid
  AND lock.objsubid = 2
  AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY activity.backend_start;
