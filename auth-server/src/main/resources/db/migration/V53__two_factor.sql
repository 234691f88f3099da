-- A user's TOTP authenticator (RFC 6238). The secret is encrypted at rest like the signing keys; a row whose
-- confirmed_at is NULL is an enrolment not yet confirmed with a code. last_used_step is the time step of the last
-- code accepted: a code is accepted only for a later step, with one conditional UPDATE, so that a code works once
-- even when two requests present it at the same moment.
CREATE TABLE totp_authenticator (
    user_id        uuid                     NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret         varchar(200)             NOT NULL,
    created_at     timestamp with time zone NOT NULL,
    confirmed_at   timestamp with time zone,
    last_used_step bigint                   NOT NULL DEFAULT 0
);

-- The one-time recovery codes of a user's TOTP, by their SHA-256 digest; using one deletes its row.
CREATE TABLE totp_recovery_code (
    user_id uuid        NOT NULL REFERENCES totp_authenticator (user_id) ON DELETE CASCADE,
    digest  varchar(64) NOT NULL,
    PRIMARY KEY (user_id, digest)
);
