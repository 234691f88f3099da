package dev.tollgate.auth.registration;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class InitialAccessTokenSingleUseOnPostgresTest extends InitialAccessTokenSingleUseTest {
}
