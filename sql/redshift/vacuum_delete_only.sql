-- Redshift, after the transaction that emptied a table with DELETE and refilled it has committed:
-- reclaims the space of the deleted rows. DELETE ONLY does not sort; the new rows are left to
-- Redshift's automatic table sort, as a full VACUUM would rewrite the whole table on every run.
-- VACUUM cannot run inside a transaction block.
VACUUM DELETE ONLY {{ident:table}}
