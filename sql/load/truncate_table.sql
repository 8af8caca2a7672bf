-- Inside the load's transaction: on PostgreSQL TRUNCATE rolls back with it, and with wal_level=minimal
-- the COPY that follows into the freshly truncated table writes no WAL.
TRUNCATE TABLE {{ident:table}}
