-- The records one COPY rejected, from SYS_LOAD_ERROR_DETAIL: Redshift Serverless has no stl_load_errors.
-- The same columns as load_errors.sql reads from stl_load_errors; this view keeps no raw value or line.
SELECT
    query_id AS query,
    TRIM(file_name) AS filename,
    line_number,
    TRIM(column_name) AS colname,
    TRIM(column_type) AS column_type,
    '' AS raw_field_value,
    '' AS raw_line,
    error_code AS err_code,
    TRIM(error_message) AS err_reason
FROM sys_load_error_detail
WHERE query_id = CAST($1 AS BIGINT)
ORDER BY filename, line_number, colname
