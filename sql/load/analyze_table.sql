-- Fresh statistics so the transforms plan their joins on real row counts.
ANALYZE {{ident:table}}
