-- The audit tables after their build (PostgreSQL), before their checks: statistics for the planner,
-- and the visibility map set, so the checks' index-only scans of the key indexes read no heap pages
-- (without it unique songplays(songplay_id) took 4 to 8 s at 1M events, with it 0.4 s). Their
-- statistics and visibility map move with them when they are published by swap.
VACUUM (ANALYZE) {{table:table}}
