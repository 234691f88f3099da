-- Key rotation: a retired key stops signing, loses its private half and stays published in the JWKS until
-- publish_until (when every token it signed has expired); then it is deleted. The private half of the active key
-- is stored encrypted (AES-GCM), no longer as plain JSON.
ALTER TABLE signing_key ALTER COLUMN private_jwk DROP NOT NULL;
ALTER TABLE signing_key ADD COLUMN retired_at timestamp with time zone;
ALTER TABLE signing_key ADD COLUMN publish_until timestamp with time zone;
