package dev.tollgate.auth.revocation;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class RevocationAndLogoutOnPostgresTest extends RevocationAndLogoutTest {
}
