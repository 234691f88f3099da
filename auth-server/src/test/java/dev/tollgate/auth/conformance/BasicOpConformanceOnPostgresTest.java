package dev.tollgate.auth.conformance;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class BasicOpConformanceOnPostgresTest extends BasicOpConformanceTest {
}
