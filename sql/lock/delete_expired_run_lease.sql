DELETE FROM sparkify_run_lock WHERE expires_at < CAST({{literal:now}} AS TIMESTAMP);
