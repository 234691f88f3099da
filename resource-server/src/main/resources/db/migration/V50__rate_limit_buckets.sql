-- The introspection budget's token buckets (Bucket4j), one per caller address, shared by every instance of the API:
-- the state serialised by Bucket4j, written at most every few tens of milliseconds by each instance (and at once
-- when an active token gives its unit back). A row whose bucket has filled up again counts for nothing; each
-- instance deletes such rows once per budget period.
CREATE TABLE rate_limit_bucket (
    id         text                     NOT NULL PRIMARY KEY,
    state      bytea,
    expires_at timestamp with time zone NOT NULL
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
