-- A WebAuthn challenge is good for one ceremony (WebAuthn Level 2, 13.4.3): the SHA-256 digest of each challenge a
-- sign-in or a registration used, so that a second request with the same one, in parallel or on another instance,
-- is refused. Rows older than a challenge's lifetime are deleted as new ones come.
CREATE TABLE webauthn_used_challenges (
    challenge_digest varchar(64)              NOT NULL PRIMARY KEY,
    used_at          timestamp with time zone NOT NULL
);
CREATE INDEX ix_webauthn_used_challenges_used_at ON webauthn_used_challenges (used_at);
