-- The benchmark's floor: plain COPY of ready-made CSV, no JSON, no coercion; FREEZE as the loader's
-- COPY has it (the table is truncated earlier in the same transaction).
COPY {{ident:table}} FROM STDIN WITH (FORMAT csv, FREEZE)
