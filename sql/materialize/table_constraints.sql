-- The constraints the tables named $2 of schema $1 already have (a publish by swap adds only the others).
SELECT con.conname AS name
FROM pg_constraint AS con
JOIN pg_class AS tab ON tab.oid = con.conrelid
JOIN pg_namespace AS ns ON ns.oid = tab.relnamespace
WHERE ns.nspname = $1
  AND tab.relname = ANY ($2::text[])
