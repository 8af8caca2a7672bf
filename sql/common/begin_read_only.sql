-- Opens a transaction in which the server refuses every write (PostgreSQL and Redshift alike), for
-- statements a user types (sparkify sql).
BEGIN READ ONLY
