package dev.tollgate.auth.admin.events;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SecurityEventsEndpointOnPostgresTest extends SecurityEventsEndpointTest {
}
