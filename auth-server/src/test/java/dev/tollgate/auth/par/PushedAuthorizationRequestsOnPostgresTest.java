package dev.tollgate.auth.par;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class PushedAuthorizationRequestsOnPostgresTest extends PushedAuthorizationRequestsTest {
}
