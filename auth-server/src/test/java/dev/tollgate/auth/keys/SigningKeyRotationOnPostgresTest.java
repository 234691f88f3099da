package dev.tollgate.auth.keys;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class SigningKeyRotationOnPostgresTest extends SigningKeyRotationTest {
}
