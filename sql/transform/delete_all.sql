-- DELETE, not TRUNCATE: Redshift's TRUNCATE commits on its own, and the transform must commit whole.
DELETE FROM {{ident:table}}
