CREATE UNLOGGED TABLE elt_trial_reference AS SELECT * FROM staging_events
