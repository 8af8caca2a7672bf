-- What one COPY read: the files it committed and the bytes it fetched from S3.
SELECT
    (SELECT COUNT(DISTINCT TRIM(filename)) FROM stl_load_commits WHERE query = CAST($1 AS INTEGER)) AS files,
    (SELECT COALESCE(SUM(transfer_size), 0) FROM stl_s3client WHERE query = CAST($1 AS INTEGER)) AS bytes
