-- Fills token_authorization with authorizations of users who signed in to demo-web: each row has an access token
-- and a refresh token digest, as a day's worth of sign-ins leaves them. Parameter: @ROWS (bench/run.sh sets it).
-- Used by bench/run.sh for the "1 million authorizations" runs: every look-up on the token path must stay a
-- single-row index probe however large this table is.
SET @CLIENT = (SELECT id FROM oauth2_registered_client WHERE client_id = 'demo-web');
INSERT INTO token_authorization (id, registered_client_id, principal_name, grant_type, authorized_scopes, attributes,
        access_token_hash, access_token_issued_at, access_token_expires_at, access_token_invalidated,
        access_token_type, access_token_format, access_token_scopes, access_token_claims,
        refresh_token_hash, refresh_token_issued_at, refresh_token_expires_at, refresh_token_invalidated,
        refresh_family_issued_at, expires_at)
SELECT 'bench-' || "X", @CLIENT, 'user-' || MOD("X", 5000), 'authorization_code', 'openid profile books.read', '{}',
       LOWER(RAWTOHEX(HASH('SHA-256', CAST('access-' || "X" AS VARBINARY)))), CURRENT_TIMESTAMP,
       DATEADD('MINUTE', 5, CURRENT_TIMESTAMP), FALSE, 'Bearer', 'self-contained', 'openid profile books.read',
       '{"sub":"user-' || MOD("X", 5000) || '"}',
       LOWER(RAWTOHEX(HASH('SHA-256', CAST('refresh-' || "X" AS VARBINARY)))), CURRENT_TIMESTAMP,
       DATEADD('DAY', 1, CURRENT_TIMESTAMP), FALSE, CURRENT_TIMESTAMP, DATEADD('DAY', 1, CURRENT_TIMESTAMP)
-- SYSTEM_RANGE's column is upper-case "X", and this database lower-cases unquoted names
FROM SYSTEM_RANGE(1, @ROWS);
