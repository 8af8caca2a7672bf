-- Cancels the statement a backend of ours is running (what psql does on Ctrl-C).
SELECT pg_cancel_backend($1);
