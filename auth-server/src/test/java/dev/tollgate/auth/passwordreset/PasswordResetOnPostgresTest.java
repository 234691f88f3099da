package dev.tollgate.auth.passwordreset;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class PasswordResetOnPostgresTest extends PasswordResetTest {
}
