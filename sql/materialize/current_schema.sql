-- The schema unqualified names resolve to: where the published tables live.
SELECT current_schema() AS schema
