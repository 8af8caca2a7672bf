-- Shared advisory lock: many sessions may hold it at once, none while another holds it exclusively.
SELECT pg_try_advisory_lock_shared($1::int4, $2::int4) AS acquired;
