DELETE FROM sparkify_run_lock WHERE holder = {{literal:holder}};
