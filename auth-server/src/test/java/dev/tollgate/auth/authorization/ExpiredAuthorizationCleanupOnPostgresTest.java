package dev.tollgate.auth.authorization;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ExpiredAuthorizationCleanupOnPostgresTest extends ExpiredAuthorizationCleanupTest {
}
