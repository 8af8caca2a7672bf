-- Writes a model's rows into its table. The column list comes from the table's definition
-- (src/schema/tables.ts) and the model's SELECT returns its columns in that order (a unit test checks).
INSERT INTO {{table:table}} ({{idents:columns}})
{{sql:select}}
