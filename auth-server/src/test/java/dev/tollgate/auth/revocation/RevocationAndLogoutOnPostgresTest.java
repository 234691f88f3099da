package dev.tollgate.auth.revocation;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class RevocationAndLogoutOnPostgresTest extends RevocationAndLogoutTest {
}
