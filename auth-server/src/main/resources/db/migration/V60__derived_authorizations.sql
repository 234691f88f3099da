-- token exchange (RFC 8693): the user's grant a new grant was exchanged from (the first one of a chain), so that
-- revoking that grant (sign-out, refresh token reuse, code replay, consent withdrawal) revokes it too
ALTER TABLE token_authorization ADD COLUMN derived_from varchar(100);
CREATE INDEX ix_token_authorization_derived_from ON token_authorization (derived_from);
