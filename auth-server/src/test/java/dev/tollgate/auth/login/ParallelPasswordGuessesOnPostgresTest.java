package dev.tollgate.auth.login;

import dev.tollgate.auth.support.HardenedAuthServerOnPostgresTest;

@HardenedAuthServerOnPostgresTest
class ParallelPasswordGuessesOnPostgresTest extends ParallelPasswordGuessesTest {
}
