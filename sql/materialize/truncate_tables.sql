-- PostgreSQL: one TRUNCATE of all star tables. It is transactional here, and it skips the row-by-row
-- foreign-key checks a DELETE of each dimension would run against the fact table.
TRUNCATE TABLE {{idents:tables}}
