-- Right after a COPY, in the same session: the COPY's query id (the key of stl_load_errors and
-- stl_load_commits) and the rows it loaded.
SELECT pg_last_copy_id() AS query_id, pg_last_copy_count() AS row_count
