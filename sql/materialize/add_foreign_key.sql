-- Write-audit-publish on PostgreSQL: a reference check done by the engine. The audit table gets its
-- foreign key to the audit target (one validation pass over the rows; it fails, changing nothing, when
-- a value is missing from the target or the target has no unique index on the column), and a publish
-- by swap keeps it instead of validating it again.
ALTER TABLE {{table:table}} ADD CONSTRAINT {{ident:constraint}} FOREIGN KEY ({{ident:column}}) REFERENCES {{table:target}} ({{ident:target_column}})
