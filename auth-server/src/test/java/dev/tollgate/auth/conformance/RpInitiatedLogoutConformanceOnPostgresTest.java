package dev.tollgate.auth.conformance;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class RpInitiatedLogoutConformanceOnPostgresTest extends RpInitiatedLogoutConformanceTest {
}
