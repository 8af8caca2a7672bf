-- The benchmark's floor: plain COPY of ready-made CSV, no JSON, no coercion.
COPY {{ident:table}} FROM STDIN WITH (FORMAT csv)
