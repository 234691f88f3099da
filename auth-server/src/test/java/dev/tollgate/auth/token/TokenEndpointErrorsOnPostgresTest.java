package dev.tollgate.auth.token;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class TokenEndpointErrorsOnPostgresTest extends TokenEndpointErrorsTest {
}
