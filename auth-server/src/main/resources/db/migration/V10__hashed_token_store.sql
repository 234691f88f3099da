-- Tollgate's own store of authorizations (grants) and their tokens, replacing Spring Authorization Server's
-- oauth2_authorization table. One row per authorization, one column group per token kind. No token is stored:
-- every code, token and state is kept as the SHA-256 hex digest of its value, found through a unique index on
-- that digest, so a copy of this table lets nobody call an endpoint. Issuing a client_credentials token is a
-- single INSERT.
CREATE TABLE token_authorization (
    id                        varchar(100)  NOT NULL PRIMARY KEY,
    registered_client_id      varchar(100)  NOT NULL,
    principal_name            varchar(200)  NOT NULL,
    grant_type                varchar(100)  NOT NULL,
    authorized_scopes         varchar(1000),
    -- JSON of the remaining attributes (authorization request, signed-in user); never holds a token or state
    attributes                varchar,
    state_hash                varchar(64),
    -- digest of the browser session the user authorized in: signing out revokes what was issued in it
    session_hash              varchar(64),
    code_hash                 varchar(64),
    code_issued_at            timestamp with time zone,
    code_expires_at           timestamp with time zone,
    code_invalidated          boolean,
    access_token_hash         varchar(64),
    access_token_issued_at    timestamp with time zone,
    access_token_expires_at   timestamp with time zone,
    access_token_invalidated  boolean,
    access_token_type         varchar(20),
    -- "self-contained" (JWT) or "reference" (opaque)
    access_token_format       varchar(20),
    access_token_scopes       varchar(1000),
    -- JSON of the access token's claims, answered by introspection
    access_token_claims       varchar,
    refresh_token_hash        varchar(64),
    refresh_token_issued_at   timestamp with time zone,
    refresh_token_expires_at  timestamp with time zone,
    refresh_token_invalidated boolean,
    -- when the first refresh token of this authorization was issued: the absolute lifetime counts from here
    refresh_family_issued_at  timestamp with time zone,
    id_token_hash             varchar(64),
    id_token_issued_at        timestamp with time zone,
    id_token_expires_at       timestamp with time zone,
    id_token_invalidated      boolean,
    id_token_claims           varchar,
    device_code_hash          varchar(64),
    device_code_issued_at     timestamp with time zone,
    device_code_expires_at    timestamp with time zone,
    device_code_invalidated   boolean,
    user_code_hash            varchar(64),
    user_code_issued_at       timestamp with time zone,
    user_code_expires_at      timestamp with time zone,
    user_code_invalidated     boolean,
    -- after this instant nothing in the row is usable and the cleanup job deletes it
    expires_at                timestamp with time zone NOT NULL
);

CREATE UNIQUE INDEX ux_token_authorization_state ON token_authorization (state_hash);
CREATE UNIQUE INDEX ux_token_authorization_code ON token_authorization (code_hash);
CREATE UNIQUE INDEX ux_token_authorization_access ON token_authorization (access_token_hash);
CREATE UNIQUE INDEX ux_token_authorization_refresh ON token_authorization (refresh_token_hash);
CREATE UNIQUE INDEX ux_token_authorization_id_token ON token_authorization (id_token_hash);
CREATE UNIQUE INDEX ux_token_authorization_device ON token_authorization (device_code_hash);
CREATE UNIQUE INDEX ux_token_authorization_user_code ON token_authorization (user_code_hash);
CREATE INDEX ix_token_authorization_session ON token_authorization (session_hash);
CREATE INDEX ix_token_authorization_expires ON token_authorization (expires_at);

-- Spring Authorization Server's table kept token values in plain text; nothing reads it any more.
DROP TABLE oauth2_authorization;

-- rotated-out refresh tokens are deleted together with their authorization
CREATE INDEX ix_rotated_refresh_token_authorization ON rotated_refresh_token (authorization_id);
