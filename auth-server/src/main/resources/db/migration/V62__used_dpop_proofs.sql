-- DPoP proofs (RFC 9449) already presented at the token endpoint, by the thumbprint of their key and the SHA-256
-- digest of their jti, until their iat window has passed: a proof is used once, on whichever instance sees it
-- first. The cleanup job deletes rows past expires_at.
CREATE TABLE used_dpop_proof (
    jkt        varchar(64) NOT NULL,
    jti_digest varchar(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (jkt, jti_digest)
);

CREATE INDEX ix_used_dpop_proof_expires ON used_dpop_proof (expires_at);

-- The DPoP-Nonce (RFC 9449 §8) of each five-minute period, the same on every instance: the first instance to need
-- one for a period inserts it. A proof's nonce is good during its period and the next.
CREATE TABLE dpop_nonce (
    period bigint      NOT NULL PRIMARY KEY,
    nonce  varchar(64) NOT NULL
);
