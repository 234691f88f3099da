package dev.tollgate.auth.admin.consents;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class UserConsentsEndpointOnPostgresTest extends UserConsentsEndpointTest {
}
