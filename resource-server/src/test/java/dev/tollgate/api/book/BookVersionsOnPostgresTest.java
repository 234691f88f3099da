package dev.tollgate.api.book;

import dev.tollgate.api.support.OnPostgres;

@OnPostgres
class BookVersionsOnPostgresTest extends BookVersionsTest {
}
