package dev.tollgate.auth.passwordchange;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class TemporaryPasswordOnPostgresTest extends TemporaryPasswordTest {
}
