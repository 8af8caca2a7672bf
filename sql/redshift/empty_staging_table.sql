-- DELETE, not TRUNCATE: Redshift's TRUNCATE commits the open transaction on its own, and the staging
-- load must commit whole (emptied and reloaded together) or not at all.
DELETE FROM {{ident:table}}
