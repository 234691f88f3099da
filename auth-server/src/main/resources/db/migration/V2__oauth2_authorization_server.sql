-- The schema Spring Authorization Server's JDBC services expect (shipped inside its jar), written to run on
-- H2 and PostgreSQL: "varchar" without a length instead of "blob" (PostgreSQL has no blob and the services
-- read a varchar column as plain text), "timestamp with time zone" so instants survive any session time zone.
CREATE TABLE oauth2_registered_client (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    client_id                     varchar(100)  NOT NULL,
    client_id_issued_at           timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 varchar(200)  DEFAULT NULL,
    client_secret_expires_at      timestamp with time zone DEFAULT NULL,
    client_name                   varchar(200)  NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris     varchar(1000) DEFAULT NULL,
    scopes                        varchar(1000) NOT NULL,
    client_settings               varchar(2000) NOT NULL,
    token_settings                varchar(2000) NOT NULL,
    CONSTRAINT uk_oauth2_registered_client_client_id UNIQUE (client_id)
);

CREATE TABLE oauth2_authorization (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    registered_client_id          varchar(100)  NOT NULL,
    principal_name                varchar(200)  NOT NULL,
    authorization_grant_type      varchar(100)  NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    varchar       DEFAULT NULL,
    state                         varchar(500)  DEFAULT NULL,
    authorization_code_value      varchar       DEFAULT NULL,
    authorization_code_issued_at  timestamp with time zone DEFAULT NULL,
    authorization_code_expires_at timestamp with time zone DEFAULT NULL,
    authorization_code_metadata   varchar       DEFAULT NULL,
    access_token_value            varchar       DEFAULT NULL,
    access_token_issued_at        timestamp with time zone DEFAULT NULL,
    access_token_expires_at       timestamp with time zone DEFAULT NULL,
    access_token_metadata         varchar       DEFAULT NULL,
    access_token_type             varchar(100)  DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           varchar       DEFAULT NULL,
    oidc_id_token_issued_at       timestamp with time zone DEFAULT NULL,
    oidc_id_token_expires_at      timestamp with time zone DEFAULT NULL,
    oidc_id_token_metadata        varchar       DEFAULT NULL,
    refresh_token_value           varchar       DEFAULT NULL,
    refresh_token_issued_at       timestamp with time zone DEFAULT NULL,
    refresh_token_expires_at      timestamp with time zone DEFAULT NULL,
    refresh_token_metadata        varchar       DEFAULT NULL,
    user_code_value               varchar       DEFAULT NULL,
    user_code_issued_at           timestamp with time zone DEFAULT NULL,
    user_code_expires_at          timestamp with time zone DEFAULT NULL,
    user_code_metadata            varchar       DEFAULT NULL,
    device_code_value             varchar       DEFAULT NULL,
    device_code_issued_at         timestamp with time zone DEFAULT NULL,
    device_code_expires_at        timestamp with time zone DEFAULT NULL,
    device_code_metadata          varchar       DEFAULT NULL
);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100)  NOT NULL,
    principal_name       varchar(200)  NOT NULL,
    authorities          varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
