-- Lines as they are: CSV with a delimiter and quote byte that JSON text never holds, so nothing is escaped.
COPY elt_raw_lines (raw) FROM STDIN WITH (FORMAT csv, DELIMITER E'\x02', QUOTE E'\x01')
