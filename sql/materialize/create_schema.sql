-- The schema a run builds and checks its results in before publishing them (write-audit-publish).
CREATE SCHEMA IF NOT EXISTS {{ident:schema}}
