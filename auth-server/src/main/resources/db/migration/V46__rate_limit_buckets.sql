-- The rate limits' token buckets (Bucket4j), shared by every instance: one row per counted key (an address, a
-- client, ...), its state serialised by Bucket4j and written at most every few tens of milliseconds by each
-- instance. A row whose bucket has filled up again counts for nothing; the cleanup job deletes it after expires_at.
CREATE TABLE rate_limit_bucket (
    id         text                     NOT NULL PRIMARY KEY,
    state      bytea,
    expires_at timestamp with time zone NOT NULL
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
