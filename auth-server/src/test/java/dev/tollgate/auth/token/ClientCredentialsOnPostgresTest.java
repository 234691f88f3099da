package dev.tollgate.auth.token;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ClientCredentialsOnPostgresTest extends ClientCredentialsTest {
}
