-- DPoP proofs (RFC 9449) the API accepted, by the thumbprint of their key and the SHA-256 digest of their jti, until
-- their iat window has passed: a proof is used once, on whichever API instance sees it first.
CREATE TABLE used_dpop_proof (
    jkt        varchar(64) NOT NULL,
    jti_digest varchar(64) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (jkt, jti_digest)
);

CREATE INDEX ix_used_dpop_proof_expires ON used_dpop_proof (expires_at);
