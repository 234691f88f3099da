-- An administrator ending a user's sessions, or withdrawing a consent, revokes every grant of that user (of that
-- client): found by the user's id, which is the principal name of a user's authorizations.
CREATE INDEX ix_token_authorization_principal ON token_authorization (principal_name, registered_client_id);

-- What Tollgate creates for itself at start-up (the built-in admin client, the bootstrap administrator) is created
-- once even when several instances start together: each takes this row's lock (SELECT ... FOR UPDATE) for the
-- transaction that checks and creates, so the others wait and then find it done.
CREATE TABLE startup_lock (
    name varchar(50) NOT NULL PRIMARY KEY
);

INSERT INTO startup_lock (name) VALUES ('built-in-data');
