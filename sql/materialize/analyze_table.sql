-- Fresh planner statistics after a bulk write (PostgreSQL): for the checks on the audit tables, and
-- for readers of the published ones.
ANALYZE {{table:table}}
