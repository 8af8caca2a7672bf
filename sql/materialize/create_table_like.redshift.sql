-- An audit table with the published table's columns, types and NOT NULLs (and, on Redshift, its
-- distribution and sort keys), without its keys: the checks, not constraints, judge the audited rows.
CREATE TABLE {{table:table}} (LIKE {{table:like}})
