package dev.tollgate.auth.authorize;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class AuthorizationCodeFlowOnPostgresTest extends AuthorizationCodeFlowTest {
}
