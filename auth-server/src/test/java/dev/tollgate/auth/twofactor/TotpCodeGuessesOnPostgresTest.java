package dev.tollgate.auth.twofactor;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class TotpCodeGuessesOnPostgresTest extends TotpCodeGuessesTest {
}
