package dev.tollgate.auth.refresh;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class RefreshTokenLifetimeOnPostgresTest extends RefreshTokenLifetimeTest {
}
