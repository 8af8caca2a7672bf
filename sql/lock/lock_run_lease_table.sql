LOCK sparkify_run_lock;
