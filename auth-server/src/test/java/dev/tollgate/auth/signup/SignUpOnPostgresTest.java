package dev.tollgate.auth.signup;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SignUpOnPostgresTest extends SignUpTest {
}
