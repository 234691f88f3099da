package dev.tollgate.auth.dpop;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class DPoPTokenEndpointOnPostgresTest extends DPoPTokenEndpointTest {
}
