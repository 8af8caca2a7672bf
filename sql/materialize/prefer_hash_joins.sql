-- The audit build on PostgreSQL, for its own transaction only: no merge joins. songplays matches plays
-- to songs on RTRIM(title) and RTRIM(artist_name), expressions the planner has no statistics for; it
-- then guesses millions of matches (x124: 38.9M guessed, 41,292 found) and a hash join's cost far
-- beyond a merge join's, so it sorted 1.85M songs and 846k plays by title and artist (external sort,
-- 3.5-4.3 s) where hashing the plays and scanning the songs once takes 1.5 s. The other models join
-- nothing. The setting ends with the transaction.
SET LOCAL enable_mergejoin = off
