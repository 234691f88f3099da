package dev.tollgate.auth.login;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class ParallelPasswordGuessesOnPostgresTest extends ParallelPasswordGuessesTest {
}
