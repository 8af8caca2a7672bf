INSERT INTO sparkify_load_errors (load_id, recorded_at, table_name, source, line, column_name, field, raw_text, reason)
VALUES ($1, CURRENT_TIMESTAMP, $2, $3, $4, $5, $6, $7, $8)
