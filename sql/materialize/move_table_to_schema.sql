-- Publish by swap (PostgreSQL): the audited table becomes the published one. Its rows, its owned
-- sequences and the statistics of its ANALYZE move with it; nothing is copied.
ALTER TABLE {{table:table}} SET SCHEMA {{ident:schema}}
