-- An audit table with the published table's columns, types and NOT NULLs, without its keys: the checks,
-- not constraints, judge the audited rows. The dialect adds what else must match: on PostgreSQL the
-- identity (the table is published by moving it into the default schema, so it must have the published
-- table's exact shape; its keys are added then); on Redshift nothing (its LIKE also copies the
-- distribution and sort keys, and the rows are copied into the published table).
CREATE TABLE {{table:table}} (LIKE {{table:like}}{{dialect:like_options}})
