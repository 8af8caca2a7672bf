-- Key values that occur more than once.
SELECT {{idents:columns}}, COUNT(*) AS occurrences
FROM {{table:table}}
GROUP BY {{idents:columns}}
HAVING COUNT(*) > 1
