-- The ELT trial's extraction: a lower bound for doing the loader's work in SQL (every line parsed as
-- jsonb once, the 18 fields read by jsonb_to_record, blanks and empties to NULL, text cut to the
-- column's length in characters, epoch milliseconds to UTC timestamps). It skips what the reject
-- contract adds (per-field validation, line numbers of bad records, byte-length truncation).
INSERT INTO staging_events (artist, auth, first_name, gender, item_in_session, last_name, length, level, location, method, page, registration, session_id, song, status, ts, user_agent, user_id)
SELECT
  left(nullif(btrim(r.artist, E' \t\n\r'), ''), 512),
  left(nullif(btrim(r.auth, E' \t\n\r'), ''), 32),
  left(nullif(btrim(r."firstName", E' \t\n\r'), ''), 256),
  left(nullif(btrim(r.gender, E' \t\n\r'), ''), 8),
  r."itemInSession"::numeric::integer,
  left(nullif(btrim(r."lastName", E' \t\n\r'), ''), 256),
  r.length::double precision,
  left(nullif(btrim(r.level, E' \t\n\r'), ''), 16),
  left(nullif(btrim(r.location, E' \t\n\r'), ''), 512),
  left(nullif(btrim(r.method, E' \t\n\r'), ''), 16),
  left(nullif(btrim(r.page, E' \t\n\r'), ''), 64),
  r.registration::numeric::bigint,
  r."sessionId"::numeric::integer,
  left(nullif(btrim(r.song, E' \t\n\r'), ''), 512),
  r.status::numeric::smallint,
  timestamp 'epoch' + r.ts::numeric * interval '1 millisecond',
  left(nullif(btrim(r."userAgent", E' \t\n\r'), ''), 512),
  left(nullif(btrim(r."userId", E' \t\n\r'), ''), 64)
FROM elt_raw_lines AS l
CROSS JOIN LATERAL jsonb_to_record(l.raw::jsonb) AS r(
  artist text, auth text, "firstName" text, gender text, "itemInSession" text, "lastName" text, length text,
  level text, location text, method text, page text, registration text, "sessionId" text, song text,
  status text, ts text, "userAgent" text, "userId" text)
WHERE l.raw IS NOT NULL AND btrim(l.raw) <> ''
