-- What one COPY read, from SYS_LOAD_HISTORY (Redshift Serverless has no stl_load_commits or stl_s3client).
SELECT
    COALESCE(SUM(file_count_scanned), 0) AS files,
    COALESCE(SUM(file_bytes_scanned), 0) AS bytes
FROM sys_load_history
WHERE query_id = CAST($1 AS BIGINT)
