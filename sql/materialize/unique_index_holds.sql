-- Whether PostgreSQL itself keeps a key unique: a valid, immediate unique index on exactly the key's
-- columns ($3, in any order; no expression, no predicate) of table $2 in schema $1 (NULL: the current
-- schema), every one of them NOT NULL (a unique index lets NULLs repeat, the uniqueness check would not).
-- The index write-audit-publish builds on an audit table exists only if its rows had no duplicate.
SELECT EXISTS (
    SELECT 1
    FROM pg_index AS ix
    WHERE ix.indrelid = to_regclass(format('%I.%I', COALESCE($1::text, current_schema()), $2::text))
      AND ix.indisunique
      AND ix.indisvalid
      AND ix.indimmediate
      AND ix.indpred IS NULL
      AND ix.indexprs IS NULL
      AND ix.indnkeyatts = cardinality($3::text[])
      AND (
          SELECT COUNT(*)
          FROM pg_attribute AS col
          WHERE col.attrelid = ix.indrelid
            AND col.attnum = ANY ((ix.indkey::smallint[])[0:ix.indnkeyatts - 1])
            AND col.attname = ANY ($3::text[])
            AND col.attnotnull
      ) = cardinality($3::text[])
) AS holds
