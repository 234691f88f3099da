package dev.tollgate.auth.client;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

@AuthServerOnPostgresTest
class PrivateKeyJwtClientAuthenticationOnPostgresTest extends PrivateKeyJwtClientAuthenticationTest {
}
