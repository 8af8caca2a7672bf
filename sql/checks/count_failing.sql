-- How many rows break a check; the check's own query is the subquery.
SELECT COUNT(*) AS failing
FROM (
{{sql:check}}
) AS failing_rows
