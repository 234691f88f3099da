-- people who called the API with a user token, as their tokens described them
create table directory_user (
    id         varchar(255) primary key,
    username   varchar(255),
    email      varchar(320),
    roles      varchar(1000) not null,
    first_seen timestamp with time zone not null,
    last_seen  timestamp with time zone not null
);
