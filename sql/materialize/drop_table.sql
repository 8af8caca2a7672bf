-- Removes an audit table (the previous run's result, or this run's once published).
DROP TABLE IF EXISTS {{table:table}}
