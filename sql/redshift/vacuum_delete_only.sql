-- Redshift, after the transaction that emptied a table with DELETE and refilled it has committed:
-- reclaims the space of the deleted rows without re-sorting (the rows were written in order). VACUUM
-- cannot run inside a transaction block.
VACUUM DELETE ONLY {{ident:table}}
