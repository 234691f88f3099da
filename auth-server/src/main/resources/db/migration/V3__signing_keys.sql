-- "active" is TRUE for the one key that signs and NULL for retired keys kept for verification: a unique
-- constraint allows many NULLs but a single TRUE, so two instances starting together cannot both create one.
CREATE TABLE signing_key (
    kid         varchar(100) NOT NULL PRIMARY KEY,
    algorithm   varchar(20)  NOT NULL,
    public_jwk  varchar(4000) NOT NULL,
    private_jwk varchar(8000) NOT NULL,
    created_at  timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    active      boolean,
    CONSTRAINT uk_signing_key_active UNIQUE (active),
    CONSTRAINT ck_signing_key_active CHECK (active IS NULL OR active = TRUE)
);
