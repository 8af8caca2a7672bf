-- The columns of one table in the current schema ($1 = its name), for `.schema TABLE` at the prompt.
SELECT column_name,
       data_type,
       CASE WHEN character_maximum_length IS NOT NULL THEN CAST(character_maximum_length AS VARCHAR(12)) END AS length,
       CASE is_nullable WHEN 'NO' THEN 'not null' ELSE '' END AS nullable
FROM information_schema.columns
WHERE table_schema = CURRENT_SCHEMA()
  AND table_name = $1
ORDER BY ordinal_position
