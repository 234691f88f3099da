-- An upstream identity (provider, subject) signs in as exactly one local user; a user may have several.
CREATE TABLE federated_identity (
    provider_id varchar(100) NOT NULL,
    subject     varchar(255) NOT NULL,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       varchar(320),
    username    varchar(200),
    linked_at   timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (provider_id, subject)
);

CREATE INDEX ix_federated_identity_user ON federated_identity (user_id);

-- A user created by an upstream sign-in has no local password until they set one.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
