-- Spring Authorization Server finds an authorization by the value of one of its tokens (or by the state of a
-- pending consent). Only equality is ever asked and a JWT can outgrow a B-tree entry (about 2.7 kB), so these
-- are hash indexes; the H2 twin of this file uses plain indexes.
CREATE INDEX ix_oauth2_authorization_state ON oauth2_authorization USING hash (state);
CREATE INDEX ix_oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX ix_oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX ix_oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX ix_oauth2_authorization_id_token ON oauth2_authorization USING hash (oidc_id_token_value);
CREATE INDEX ix_oauth2_authorization_user_code ON oauth2_authorization USING hash (user_code_value);
CREATE INDEX ix_oauth2_authorization_device_code ON oauth2_authorization USING hash (device_code_value);
