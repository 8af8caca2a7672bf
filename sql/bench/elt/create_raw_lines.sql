-- The ELT trial's landing table: every line of the event files as text, numbered in arrival order.
CREATE UNLOGGED TABLE IF NOT EXISTS elt_raw_lines (id bigint GENERATED ALWAYS AS IDENTITY, raw text)
