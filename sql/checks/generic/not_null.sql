-- Rows whose key column is NULL.
SELECT *
FROM {{ident:table}}
WHERE {{ident:column}} IS NULL
