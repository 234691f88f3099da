-- Pages are sorted by these columns, with the id as tie-breaker (see PageQuery); an index per sort order lets
-- PostgreSQL read a page without sorting the whole table.
create index ix_book_title on book (title, id);
create index ix_book_author on book (author, id);
create index ix_directory_user_username on directory_user (username, id);
