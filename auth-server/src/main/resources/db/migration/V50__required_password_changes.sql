-- Users whose password an administrator set as temporary: their next password sign-in must choose a new one
-- before anything else (passwordchange.PasswordChangeGate). A row, not a users column, so that the common
-- case costs nothing and the flag goes with the user.
CREATE TABLE required_password_change (
    user_id      uuid                     NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    required_at  timestamp with time zone NOT NULL
);
