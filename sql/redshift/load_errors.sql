-- The records one COPY rejected, from Redshift's own load-error log, in file and line order.
SELECT
    query,
    TRIM(filename) AS filename,
    line_number,
    TRIM(colname) AS colname,
    TRIM(type) AS column_type,
    TRIM(raw_field_value) AS raw_field_value,
    TRIM(raw_line) AS raw_line,
    err_code,
    TRIM(err_reason) AS err_reason
FROM stl_load_errors
WHERE query = CAST($1 AS INTEGER)
ORDER BY filename, line_number, colname
