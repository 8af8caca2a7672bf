-- DuckDB yardstick: COPY's EMPTYASNULL and BLANKSASNULL for one text value (blank: only spaces, tabs,
-- newlines and carriage returns).
CREATE OR REPLACE MACRO blank_as_null(value) AS CASE WHEN trim(value, chr(32) || chr(9) || chr(10) || chr(13)) = '' THEN NULL ELSE value END
