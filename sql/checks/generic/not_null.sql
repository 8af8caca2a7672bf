-- Rows whose key column is NULL.
SELECT *
FROM {{table:table}}
WHERE {{ident:column}} IS NULL
