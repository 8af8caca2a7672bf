-- Redshift: DELETE, not TRUNCATE, because Redshift's TRUNCATE commits on its own and the transform
-- must commit whole. (Redshift does not enforce foreign keys, so the order of deletes is free.)
DELETE FROM {{ident:table}}
