-- Ends a read-only transaction: nothing was written, so there is nothing to commit.
ROLLBACK
