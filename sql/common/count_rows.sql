SELECT COUNT(*) AS row_count FROM {{ident:table}}
