package dev.tollgate.auth.authorize;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class AuthorizationCodeFlowOnPostgresTest extends AuthorizationCodeFlowTest {
}
