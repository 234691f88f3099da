package dev.tollgate.auth.admin.sessions;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class UserSessionsEndpointOnPostgresTest extends UserSessionsEndpointTest {
}
