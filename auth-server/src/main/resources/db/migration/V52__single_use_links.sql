-- Links sent by mail that work once (links.SingleUseLinks): a password reset, an email verification. Only the SHA-256
-- digest of the link's 256-bit random token is stored, so the table alone opens nothing. A link is used by one
-- conditional UPDATE (used_at IS NULL AND expires_at > now), so of two parallel uses exactly one succeeds. email is
-- the address the link was sent to, for a link that verifies it. Rows a day past their expiry are deleted.
CREATE TABLE single_use_link (
    digest     varchar(64)              NOT NULL PRIMARY KEY,
    purpose    varchar(32)              NOT NULL,
    user_id    uuid                     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      varchar(320),
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at    timestamp with time zone
);

-- the links a user has asked for lately (a cap per recipient), and the cleanup's range
CREATE INDEX ix_single_use_link_user ON single_use_link (user_id, purpose, created_at);
CREATE INDEX ix_single_use_link_expiry ON single_use_link (expires_at);
