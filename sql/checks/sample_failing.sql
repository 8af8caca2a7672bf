-- A few of the rows that break a check, to show in the error.
SELECT *
FROM (
{{sql:check}}
) AS failing_rows
LIMIT 5
