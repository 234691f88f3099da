-- Indexes on every column Spring Authorization Server looks an authorization up by; see the PostgreSQL twin.
CREATE INDEX ix_oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX ix_oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX ix_oauth2_authorization_access_token ON oauth2_authorization (access_token_value);
CREATE INDEX ix_oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX ix_oauth2_authorization_id_token ON oauth2_authorization (oidc_id_token_value);
CREATE INDEX ix_oauth2_authorization_user_code ON oauth2_authorization (user_code_value);
CREATE INDEX ix_oauth2_authorization_device_code ON oauth2_authorization (device_code_value);
