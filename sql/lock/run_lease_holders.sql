SELECT holder, acquired_at, expires_at FROM sparkify_run_lock ORDER BY acquired_at;
