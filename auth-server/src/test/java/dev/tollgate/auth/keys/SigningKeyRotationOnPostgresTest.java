package dev.tollgate.auth.keys;

import dev.tollgate.testsupport.OnPostgres;

@OnPostgres
class SigningKeyRotationOnPostgresTest extends SigningKeyRotationTest {
}
