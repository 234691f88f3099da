package dev.tollgate.auth.refresh;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class RefreshTokenLifetimeOnPostgresTest extends RefreshTokenLifetimeTest {
}
