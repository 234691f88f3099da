package dev.tollgate.auth.token;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class TokenEndpointErrorsOnPostgresTest extends TokenEndpointErrorsTest {
}
