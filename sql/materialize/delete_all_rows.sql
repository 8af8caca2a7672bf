-- Redshift: DELETE, not TRUNCATE, because Redshift's TRUNCATE commits on its own and a
-- materialization must commit whole. (Redshift does not enforce foreign keys, so the order is free.)
DELETE FROM {{ident:table}}
