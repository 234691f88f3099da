-- Instants with their time zone, as everywhere else in Tollgate: a plain timestamp is read back in whatever time
-- zone the session has, so the expiry of a stored token would move with the server's settings.
ALTER TABLE oauth2_authorized_client ALTER COLUMN access_token_issued_at SET DATA TYPE timestamp with time zone;
ALTER TABLE oauth2_authorized_client ALTER COLUMN access_token_expires_at SET DATA TYPE timestamp with time zone;
ALTER TABLE oauth2_authorized_client ALTER COLUMN refresh_token_issued_at SET DATA TYPE timestamp with time zone;
ALTER TABLE oauth2_authorized_client ALTER COLUMN created_at SET DATA TYPE timestamp with time zone;
