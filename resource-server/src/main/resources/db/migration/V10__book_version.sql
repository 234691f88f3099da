-- each change of a book bumps its version: the ETag that If-Match on PUT and DELETE is checked against
alter table book add column version bigint default 0 not null;
