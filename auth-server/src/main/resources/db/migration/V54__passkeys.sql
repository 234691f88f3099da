-- Passkeys (WebAuthn Level 2). Spring Security's JdbcUserCredentialRepository reads and writes user_credentials
-- (its own schema, with timestamptz for its timestamps and a foreign key added). A passkey belongs to a user
-- handle, the random WebAuthn user.id the authenticator stores; passkey_user_handles links each handle to the
-- Tollgate user by id, never by username, so a renamed user keeps their passkeys, and deleting the user deletes
-- the handle and with it every passkey.
CREATE TABLE passkey_user_handles (
    user_handle varchar(128) NOT NULL PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT uk_passkey_user_handles_user UNIQUE (user_id)
);

CREATE TABLE user_credentials (
    -- base64url of a credential id of up to 1023 bytes (WebAuthn Level 2, 5.1)
    credential_id                varchar(1400) NOT NULL PRIMARY KEY,
    user_entity_user_id          varchar(128)  NOT NULL
        REFERENCES passkey_user_handles (user_handle) ON DELETE CASCADE,
    public_key                   bytea         NOT NULL,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       NOT NULL,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       NOT NULL,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp with time zone,
    last_used                    timestamp with time zone,
    label                        varchar(1000) NOT NULL
);

CREATE INDEX ix_user_credentials_user_entity ON user_credentials (user_entity_user_id);
