-- Publish by swap (PostgreSQL): the published star tables are dropped in one statement, inside the
-- publishing transaction (the foreign keys among them go with them). No CASCADE: when anything else
-- depends on them (a view, another table's foreign key), this fails and the rows are copied instead.
DROP TABLE IF EXISTS {{idents:tables}}
