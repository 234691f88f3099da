package dev.tollgate.auth.conformance;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class RpInitiatedLogoutConformanceOnPostgresTest extends RpInitiatedLogoutConformanceTest {
}
