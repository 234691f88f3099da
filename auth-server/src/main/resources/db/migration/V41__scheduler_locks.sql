-- ShedLock's table: a scheduled job runs on the one instance that holds its row's lock until lock_until.
CREATE TABLE shedlock (
    name       varchar(64)              NOT NULL PRIMARY KEY,
    lock_until timestamp with time zone NOT NULL,
    locked_at  timestamp with time zone NOT NULL,
    locked_by  varchar(255)             NOT NULL
);
