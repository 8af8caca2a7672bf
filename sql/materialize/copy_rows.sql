-- Publishes audited rows: the published table's columns, in its order, from the audit table.
INSERT INTO {{table:target}} ({{idents:columns}})
SELECT {{idents:columns}}
FROM {{table:source}}
