-- Failed sign-ins per account and per client address, shared by every instance on the database.
-- subject is a SHA-256 digest ("account:<username>" or "address:<ip>"), so that what people type into the
-- username field (sometimes a password) is never stored.
CREATE TABLE login_failure (
    subject         varchar(64) NOT NULL PRIMARY KEY,
    failures        integer     NOT NULL,
    locked_until    timestamp with time zone,
    last_failure_at timestamp with time zone NOT NULL
);

CREATE INDEX ix_login_failure_last_failure_at ON login_failure (last_failure_at);
