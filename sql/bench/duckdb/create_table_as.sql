-- DuckDB yardstick: a star table filled from its model (sql/transform/), replacing the previous one.
CREATE OR REPLACE TABLE {{ident:table}} AS
{{sql:model}}
