-- the client that called on the user's behalf (token exchange, RFC 8693 act) in their latest call; null when they called themselves
alter table directory_user add column last_actor varchar(255);
