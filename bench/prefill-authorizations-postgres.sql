-- bench/prefill-authorizations.sql for PostgreSQL (psql -v rows=N): the same rows, the same digests.
INSERT INTO token_authorization (id, registered_client_id, principal_name, grant_type, authorized_scopes, attributes,
        access_token_hash, access_token_issued_at, access_token_expires_at, access_token_invalidated,
        access_token_type, access_token_format, access_token_scopes, access_token_claims,
        refresh_token_hash, refresh_token_issued_at, refresh_token_expires_at, refresh_token_invalidated,
        refresh_family_issued_at, expires_at)
SELECT 'bench-' || x, (SELECT id FROM oauth2_registered_client WHERE client_id = 'demo-web'), 'user-' || x % 5000,
       'authorization_code', 'openid profile books.read', '{}',
       encode(sha256(convert_to('access-' || x, 'UTF8')), 'hex'), now(), now() + interval '5 minutes', FALSE,
       'Bearer', 'self-contained', 'openid profile books.read', '{"sub":"user-' || x % 5000 || '"}',
       encode(sha256(convert_to('refresh-' || x, 'UTF8')), 'hex'), now(), now() + interval '1 day', FALSE, now(),
       now() + interval '1 day'
FROM generate_series(1, :rows) AS x;
ANALYZE token_authorization;
