-- Fresh planner statistics after a bulk write: staging before the transform plans its joins, the
-- audit tables before the checks, the published ones for readers.
ANALYZE {{table:table}}
