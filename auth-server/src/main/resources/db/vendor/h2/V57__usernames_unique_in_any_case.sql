-- A username belongs to one user in any case ("Alice" and "alice" are one name), also when two requests create
-- them at the same moment: the application's check (UniqueUserNames) cannot see a row that is not committed yet.
-- PostgreSQL's twin of this migration indexes lower(username); H2 indexes a column generated from it.
ALTER TABLE users ADD COLUMN username_any_case varchar(100) GENERATED ALWAYS AS (LOWER(username));
CREATE UNIQUE INDEX ux_users_username_any_case ON users (username_any_case);
