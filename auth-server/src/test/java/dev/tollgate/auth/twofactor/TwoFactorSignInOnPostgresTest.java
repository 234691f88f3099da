package dev.tollgate.auth.twofactor;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class TwoFactorSignInOnPostgresTest extends TwoFactorSignInTest {
}
