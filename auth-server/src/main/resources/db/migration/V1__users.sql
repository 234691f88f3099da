-- id is the user's stable subject identifier ("sub" of every token); usernames may change, ids never do.
CREATE TABLE users (
    id             uuid         NOT NULL PRIMARY KEY,
    username       varchar(100) NOT NULL,
    password_hash  varchar(500) NOT NULL,
    email          varchar(320),
    email_verified boolean      NOT NULL DEFAULT FALSE,
    display_name   varchar(200),
    enabled        boolean      NOT NULL DEFAULT TRUE,
    created_at     timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uk_users_username UNIQUE (username)
);

CREATE TABLE user_roles (
    user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(50) NOT NULL,
    PRIMARY KEY (user_id, role)
);
