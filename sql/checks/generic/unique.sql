-- Key values that occur more than once.
SELECT {{idents:columns}}, COUNT(*) AS occurrences
FROM {{ident:table}}
GROUP BY {{idents:columns}}
HAVING COUNT(*) > 1
