-- An audit table with the published table's columns, types, NOT NULLs and identity, without its
-- keys: the checks, not constraints, judge the audited rows. On PostgreSQL it is published by moving
-- it into the default schema, so it must be the published table's exact shape (the keys are added then).
CREATE TABLE {{table:table}} (LIKE {{table:like}} INCLUDING DEFAULTS INCLUDING IDENTITY)
