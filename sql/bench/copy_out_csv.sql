-- The benchmark's floor input: a staging table's rows as CSV, exactly as our loader stored them.
COPY {{ident:table}} TO STDOUT WITH (FORMAT csv)
