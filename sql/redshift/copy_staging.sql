-- One staging table from S3 with Redshift's own COPY (docs/engines.md). Every spliced value is a quoted
-- literal or identifier; max_errors is a whole number checked before it is spliced; accept_inv_chars is
-- empty or ' ACCEPTINVCHARS AS' and a quoted literal ([S3] ACCEPTINVCHARS).
-- The source is a key prefix, as the product's own loader reads it. TIMEFORMAT 'epochmillisecs': ts
-- holds epoch milliseconds. COMPUPDATE and STATUPDATE OFF: staging is reloaded on every run.
COPY {{ident:table}} ({{idents:columns}})
FROM {{literal:source}}
IAM_ROLE {{literal:iam_role}}
FORMAT AS JSON {{literal:json_format}}
TIMEFORMAT 'epochmillisecs'
REGION {{literal:region}}
TRUNCATECOLUMNS
BLANKSASNULL
EMPTYASNULL
COMPUPDATE OFF
STATUPDATE OFF
MAXERROR {{sql:max_errors}}{{sql:accept_inv_chars}}
