package dev.tollgate.auth.conformance;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class BasicOpConformanceOnPostgresTest extends BasicOpConformanceTest {
}
