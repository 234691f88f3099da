-- SHA-256 digests of refresh tokens that rotation replaced, with the authorization they belonged to: presenting
-- one again means it leaked, and the whole authorization (the token family) is revoked.
CREATE TABLE rotated_refresh_token (
    token_digest     varchar(64)  NOT NULL PRIMARY KEY,
    authorization_id varchar(100) NOT NULL,
    rotated_at       timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);
