-- Exclusive advisory lock held by this session until released or disconnected; false when another session holds it.
SELECT pg_try_advisory_lock($1::int4, $2::int4) AS acquired;
