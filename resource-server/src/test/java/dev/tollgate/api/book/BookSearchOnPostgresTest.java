package dev.tollgate.api.book;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class BookSearchOnPostgresTest extends BookSearchTest {
}
