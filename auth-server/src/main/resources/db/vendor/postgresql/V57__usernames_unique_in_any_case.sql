-- A username belongs to one user in any case ("Alice" and "alice" are one name), also when two requests create
-- them at the same moment: the application's check (UniqueUserNames) cannot see a row that is not committed yet.
-- H2 has no index on an expression; its twin of this migration indexes a generated column instead.
CREATE UNIQUE INDEX ux_users_username_any_case ON users (lower(username));
