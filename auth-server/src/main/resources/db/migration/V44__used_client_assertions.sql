-- Client assertions (private_key_jwt, RFC 7523) already used to authenticate, by client and SHA-256 digest of their
-- jti, until they expire: an assertion authenticates once, on whichever instance sees it first. The cleanup job
-- deletes rows past expires_at.
CREATE TABLE used_client_assertion (
    client_id  varchar(100) NOT NULL,
    jti_digest varchar(64)  NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (client_id, jti_digest)
);

CREATE INDEX ix_used_client_assertion_expires ON used_client_assertion (expires_at);
