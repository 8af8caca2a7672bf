-- Redshift has no advisory locks: the run lock there is a lease, one row in this table (see docs/guarantees.md).
CREATE TABLE IF NOT EXISTS sparkify_run_lock (
  holder VARCHAR(256) NOT NULL,
  acquired_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
