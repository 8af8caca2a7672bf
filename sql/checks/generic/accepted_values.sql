-- Values outside the accepted list ($1 is the list as a comma-separated string).
SELECT {{ident:column}} AS unexpected_value, COUNT(*) AS occurrences
FROM {{table:table}}
WHERE {{ident:column}} IS NOT NULL
  AND POSITION(',' || {{ident:column}} || ',' IN ',' || $1 || ',') = 0
GROUP BY {{ident:column}}
