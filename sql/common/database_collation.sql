-- The collation the current database sorts text with ('C' sorts by bytes, as Redshift does).
SELECT datcollate AS collation FROM pg_database WHERE datname = current_database();
