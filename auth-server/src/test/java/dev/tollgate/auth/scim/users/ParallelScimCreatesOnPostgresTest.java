package dev.tollgate.auth.scim.users;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ParallelScimCreatesOnPostgresTest extends ParallelScimCreatesTest {
}
