UPDATE sparkify_run_lock SET expires_at = CAST({{literal:expires}} AS TIMESTAMP) WHERE holder = {{literal:holder}};
