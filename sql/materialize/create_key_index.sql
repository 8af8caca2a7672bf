-- Write-audit-publish on PostgreSQL: a key's unique index, built on the audit table before the checks
-- (which then read it, as they read the published table's) and, at publish, made the key's constraint
-- (ADD CONSTRAINT ... USING INDEX) instead of being built again. Named as the constraint will be.
CREATE UNIQUE INDEX {{ident:index}} ON {{table:table}} ({{idents:columns}})
