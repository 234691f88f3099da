package dev.tollgate.auth.account;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ParallelEmailChangesOnPostgresTest extends ParallelEmailChangesTest {
}
