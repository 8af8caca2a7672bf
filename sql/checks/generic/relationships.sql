-- Values of a reference column that its target table does not hold.
SELECT child.{{ident:column}} AS missing_value, COUNT(*) AS occurrences
FROM {{table:table}} AS child
LEFT JOIN {{table:target_table}} AS parent
  ON parent.{{ident:target_column}} = child.{{ident:column}}
WHERE child.{{ident:column}} IS NOT NULL
  AND parent.{{ident:target_column}} IS NULL
GROUP BY child.{{ident:column}}
