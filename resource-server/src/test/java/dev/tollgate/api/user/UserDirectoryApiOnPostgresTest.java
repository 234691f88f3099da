package dev.tollgate.api.user;

import dev.tollgate.api.support.OnPostgres;

@OnPostgres
class UserDirectoryApiOnPostgresTest extends UserDirectoryApiTest {
}
