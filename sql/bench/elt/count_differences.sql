-- Rows of staging_events the two loads do not share (0 when both loaded the same rows).
SELECT count(*)::int AS n FROM (
  (SELECT * FROM staging_events EXCEPT ALL SELECT * FROM elt_trial_reference)
  UNION ALL
  (SELECT * FROM elt_trial_reference EXCEPT ALL SELECT * FROM staging_events)
) AS d
