package dev.tollgate.api.book;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class BookApiOnPostgresTest extends BookApiTest {
}
