-- Values outside the accepted list ($1 is the list as a comma-separated string). A value holding a
-- comma is never accepted: it could otherwise match a run of list items ('free,paid').
SELECT {{ident:column}} AS unexpected_value, COUNT(*) AS occurrences
FROM {{table:table}}
WHERE {{ident:column}} IS NOT NULL
  AND (POSITION(',' IN {{ident:column}}) > 0
       OR POSITION(',' || {{ident:column}} || ',' IN ',' || $1 || ',') = 0)
GROUP BY {{ident:column}}
