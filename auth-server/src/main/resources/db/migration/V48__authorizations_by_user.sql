-- An administrator ending a user's sessions, or withdrawing a consent, revokes every grant of that user (of that
-- client): found by the user's id, which is the principal name of a user's authorizations.
CREATE INDEX ix_token_authorization_principal ON token_authorization (principal_name, registered_client_id);
