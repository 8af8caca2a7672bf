-- Whether PostgreSQL itself keeps a reference: a validated foreign key from column $3 of table $2 in
-- schema $1 to column $6 of table $5 in schema $4 (NULL schema: the current one), whose triggers are
-- enabled. Every non-NULL value of the column then exists in the target column.
SELECT EXISTS (
    SELECT 1
    FROM pg_constraint AS fk
    WHERE fk.contype = 'f'
      AND fk.convalidated
      AND fk.conrelid = to_regclass(format('%I.%I', COALESCE($1::text, current_schema()), $2::text))
      AND fk.confrelid = to_regclass(format('%I.%I', COALESCE($4::text, current_schema()), $5::text))
      AND fk.conkey = ARRAY[(SELECT col.attnum FROM pg_attribute AS col WHERE col.attrelid = fk.conrelid AND col.attname = $3::text)]
      AND fk.confkey = ARRAY[(SELECT col.attnum FROM pg_attribute AS col WHERE col.attrelid = fk.confrelid AND col.attname = $6::text)]
      AND NOT EXISTS (SELECT 1 FROM pg_trigger AS tr WHERE tr.tgconstraint = fk.oid AND tr.tgenabled = 'D')
) AS holds
