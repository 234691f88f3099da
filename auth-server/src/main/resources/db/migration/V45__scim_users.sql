-- What SCIM 2.0 (RFC 7643 section 4.1) says about a user beyond what sign-in needs: the name's parts, the
-- identifier the provisioning client knows the user by (externalId), when the user last changed (meta.lastModified,
-- filterable with gt) and a version that every change raises (meta.version, the ETag of If-Match).
ALTER TABLE users ADD COLUMN given_name varchar(200);
ALTER TABLE users ADD COLUMN family_name varchar(200);
ALTER TABLE users ADD COLUMN external_id varchar(200);
ALTER TABLE users ADD COLUMN updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE users ADD COLUMN version bigint DEFAULT 0 NOT NULL;

UPDATE users SET updated_at = created_at;

CREATE INDEX ix_users_updated_at ON users (updated_at);
CREATE INDEX ix_user_roles_role ON user_roles (role);
