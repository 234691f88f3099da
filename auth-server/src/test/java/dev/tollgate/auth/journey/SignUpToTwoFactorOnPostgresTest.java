package dev.tollgate.auth.journey;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SignUpToTwoFactorOnPostgresTest extends SignUpToTwoFactorJourney {
}
